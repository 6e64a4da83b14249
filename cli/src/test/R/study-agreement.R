# Reference agreement statistics of the synthetic realworld-dev study (SyntheticStudyTest),
# computed with base R from the published formulas, independently of the Java code
# (org.mrdflow.models.agreement). Reference = mrdsim truth (what the truth workspace gates),
# test = MRDFlow's automated analysis; one row per analysed sample.
#
# Regenerate both fixtures after a change to the automated gating (run from the project root):
#   1. mvn -B -o -pl cli -am test -Dtest='SyntheticStudyTest#realworld*' \
#        -Dsurefire.failIfNoSpecifiedTests=false   (fails on the pairs; its message lists them)
#      and copy the listed pairs into cli/src/test/resources/study/realworld-dev-pairs.csv
#   2. Rscript cli/src/test/R/study-agreement.R cli/src/test/resources/study/realworld-dev-pairs.csv \
#        > cli/src/test/resources/study/realworld-dev-agreement.csv
# Output names are the JSON paths of compare.json's "agreement", lower case without underscores.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
ref <- d$truth_blasts / d$truth_nucleated
test <- d$automated_blasts / d$automated_nucleated
out <- function(name, value) cat(sprintf("%s,%s\n", name,
  if (is.na(value)) "NA" else sprintf("%.17g", value)))
cat("name,value\n")

# Categories at 1e-4: 0 not detected, detected below 1e-4, at or above 1e-4.
category <- function(m) ifelse(m <= 0, 1, ifelse(m < 1e-4, 2, 3))
tab <- table(factor(category(ref), 1:3), factor(category(test), 1:3))
for (i in 1:3) for (j in 1:3) out(sprintf("table.%d.%d", i - 1, j - 1), tab[i, j])

# Cohen's kappa with the Fleiss, Cohen & Everitt (1969) large-sample standard error.
n <- sum(tab); p <- tab / n; r <- rowSums(p); cc <- colSums(p)
po <- sum(diag(p)); pe <- sum(r * cc); k <- (po - pe) / (1 - pe)
A <- sum(diag(p) * (1 - (r + cc) * (1 - k))^2)
B <- 0
for (i in 1:3) for (j in 1:3) if (i != j) B <- B + p[i, j] * (cc[i] + r[j])^2
B <- (1 - k)^2 * B
C <- (k - pe * (1 - k))^2
se <- sqrt(max(0, (A + B - C) / (n * (1 - pe)^2)))
out("kappa.kappa", k); out("kappa.observedagreement", po); out("kappa.expectedagreement", pe)
out("kappa.standarderror", se)
out("kappa.interval.estimate", k)
out("kappa.interval.lower", k - qnorm(0.975) * se)
out("kappa.interval.upper", k + qnorm(0.975) * se)

# PPA and NPA with exact Clopper-Pearson intervals (R's binom.test).
proportion <- function(name, k, n) {
  ci <- binom.test(k, n, conf.level = 0.95)$conf.int
  out(paste0(name, ".estimate"), k / n)
  out(paste0(name, ".lower"), ci[1]); out(paste0(name, ".upper"), ci[2])
}
proportion("positiveagreement", tab[3, 3], sum(tab[3, ]))
proportion("negativeagreement", sum(tab[1:2, 1:2]), sum(tab[1:2, ]))

# log10 MRD where both detect blasts.
both <- ref > 0 & test > 0
x <- log10(ref[both]); y <- log10(test[both]); nn <- length(x)
out("log10pairs", nn)

# Bland-Altman (1986; CIs of bias and limits as in Bland & Altman 1999).
dd <- y - x; m <- mean(dd); s <- sd(dd); tq <- qt(0.975, nn - 1)
lo <- m - 1.96 * s; hi <- m + 1.96 * s; sel <- sqrt(3 * s^2 / nn)
out("blandaltman.n", nn); out("blandaltman.standarddeviation", s)
out("blandaltman.bias.estimate", m)
out("blandaltman.bias.lower", m - tq * s / sqrt(nn))
out("blandaltman.bias.upper", m + tq * s / sqrt(nn))
out("blandaltman.lowerlimit.estimate", lo)
out("blandaltman.lowerlimit.lower", lo - tq * sel); out("blandaltman.lowerlimit.upper", lo + tq * sel)
out("blandaltman.upperlimit.estimate", hi)
out("blandaltman.upperlimit.lower", hi - tq * sel); out("blandaltman.upperlimit.upper", hi + tq * sel)

# Passing-Bablok (1983): shifted median of pairwise slopes, rank-based interval.
S <- c()
for (i in 1:(nn - 1)) for (j in (i + 1):nn) {
  dx <- x[j] - x[i]; dy <- y[j] - y[i]
  if (dx == 0 && dy == 0) next
  s1 <- if (dx == 0) sign(dy) * Inf else dy / dx
  if (s1 == -1) next
  S <- c(S, s1)
}
S <- sort(S); N <- length(S); K <- sum(S < -1)
b <- if (N %% 2 == 1) S[(N + 1) / 2 + K] else 0.5 * (S[N / 2 + K] + S[N / 2 + 1 + K])
C2 <- qnorm(0.975) * sqrt(nn * (nn - 1) * (2 * nn + 5) / 18)
M1 <- round((N - C2) / 2); M2 <- N - M1 + 1
bl <- S[M1 + K]; bu <- S[M2 + K]
a1 <- median(y - bu * x); a2 <- median(y - bl * x)
out("passingbablok.n", nn)
out("passingbablok.slope.estimate", b)
out("passingbablok.slope.lower", bl); out("passingbablok.slope.upper", bu)
out("passingbablok.intercept.estimate", median(y - b * x))
out("passingbablok.intercept.lower", min(a1, a2)); out("passingbablok.intercept.upper", max(a1, a2))

# Deming regression, error variance ratio 1, jackknife intervals (Linnet 1990).
deming <- function(x, y, delta = 1) {
  mx <- mean(x); my <- mean(y)
  sxx <- sum((x - mx)^2); syy <- sum((y - my)^2); sxy <- sum((x - mx) * (y - my))
  u <- syy - delta * sxx
  b <- (u + sqrt(u^2 + 4 * delta * sxy^2)) / (2 * sxy)
  c(my - b * mx, b)
}
full <- deming(x, y)
jk <- t(sapply(1:nn, function(i) deming(x[-i], y[-i])))
jse <- function(v) sqrt((length(v) - 1) / length(v) * sum((v - mean(v))^2))
tq2 <- qt(0.975, nn - 2)
out("deming.n", nn); out("deming.errorvarianceratio", 1)
out("deming.slope.estimate", full[2])
out("deming.slope.lower", full[2] - tq2 * jse(jk[, 2]))
out("deming.slope.upper", full[2] + tq2 * jse(jk[, 2]))
out("deming.intercept.estimate", full[1])
out("deming.intercept.lower", full[1] - tq2 * jse(jk[, 1]))
out("deming.intercept.upper", full[1] + tq2 * jse(jk[, 1]))

# hCD19 CAR-T eligibility where both judged (NA: not judged).
judged <- !is.na(d$truth_eligible) & !is.na(d$automated_eligible)
out("eligibilityjudged", sum(judged))
out("eligibilityagreed", sum(d$truth_eligible[judged] == d$automated_eligible[judged]))
