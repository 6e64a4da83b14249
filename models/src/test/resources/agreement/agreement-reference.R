# Reference values for org.mrdflow.models.agreement, computed with base R (Debian r-base-core)
# from the published formulas, independently of the Java code. Run from this folder:
#   Rscript agreement-reference.R > agreement-reference.csv
# Data: x/y are 20 paired log10 MRD values (manual, automated) typed in below; the 3x3 table
# is MRD categories (negative, < 1e-4, >= 1e-4) manual (rows) x automated (columns).
x <- c(-4.62, -3.10, -2.05, -5.00, -3.71, -4.20, -1.52, -2.88, -3.33, -4.95,
       -2.41, -3.96, -1.98, -4.48, -3.05, -2.67, -4.01, -3.55, -1.75, -2.30)
y <- c(-4.51, -3.22, -2.10, -4.80, -3.60, -4.41, -1.49, -2.95, -3.20, -5.00,
       -2.38, -3.80, -2.05, -4.52, -3.11, -2.60, -3.88, -3.62, -1.70, -2.41)
tab <- matrix(c(21, 2, 0,
                 3, 9, 1,
                 0, 2, 12), nrow = 3, byrow = TRUE)
out <- function(name, value) cat(sprintf("%s,%.15g\n", name, value))
cat("name,value\n")

# Clopper-Pearson: R's exact binomial interval.
for (kn in list(c(12, 15), c(0, 10), c(10, 10), c(21, 23))) {
  ci <- binom.test(kn[1], kn[2], conf.level = 0.95)$conf.int
  out(sprintf("cp_%d_%d_lower", kn[1], kn[2]), ci[1])
  out(sprintf("cp_%d_%d_upper", kn[1], kn[2]), ci[2])
}

# Cohen's kappa with the Fleiss, Cohen & Everitt (1969) standard error.
p <- tab / sum(tab); n <- sum(tab)
r <- rowSums(p); cc <- colSums(p)
po <- sum(diag(p)); pe <- sum(r * cc)
k <- (po - pe) / (1 - pe)
A <- sum(diag(p) * (1 - (r + cc) * (1 - k))^2)
B <- 0
for (i in 1:3) for (j in 1:3) if (i != j) B <- B + p[i, j] * (cc[i] + r[j])^2
B <- (1 - k)^2 * B
C <- (k - pe * (1 - k))^2
se <- sqrt((A + B - C) / (n * (1 - pe)^2))
out("kappa", k); out("kappa_se", se)
out("kappa_lower", k - qnorm(0.975) * se); out("kappa_upper", k + qnorm(0.975) * se)

# Bland-Altman (1986; CIs as in Bland & Altman 1999).
d <- y - x; m <- mean(d); s <- sd(d); nn <- length(d); tq <- qt(0.975, nn - 1)
out("ba_bias", m); out("ba_sd", s)
out("ba_bias_lower", m - tq * s / sqrt(nn)); out("ba_bias_upper", m + tq * s / sqrt(nn))
lo <- m - 1.96 * s; hi <- m + 1.96 * s; sel <- sqrt(3 * s^2 / nn)
out("ba_loa_lower", lo); out("ba_loa_upper", hi)
out("ba_loa_lower_lower", lo - tq * sel); out("ba_loa_lower_upper", lo + tq * sel)
out("ba_loa_upper_lower", hi - tq * sel); out("ba_loa_upper_upper", hi + tq * sel)

# Passing-Bablok (1983).
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
out("pb_slope", b); out("pb_slope_lower", bl); out("pb_slope_upper", bu)
out("pb_intercept", median(y - b * x))
# The slope's bounds give the intercept's (which is which depends on the sign of x).
a1 <- median(y - bu * x); a2 <- median(y - bl * x)
out("pb_intercept_lower", min(a1, a2)); out("pb_intercept_upper", max(a1, a2))

# Deming regression (error variance ratio 1) with jackknife intervals (Linnet 1990).
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
out("deming_slope", full[2]); out("deming_intercept", full[1])
out("deming_slope_lower", full[2] - tq2 * jse(jk[, 2]))
out("deming_slope_upper", full[2] + tq2 * jse(jk[, 2]))
out("deming_intercept_lower", full[1] - tq2 * jse(jk[, 1]))
out("deming_intercept_upper", full[1] + tq2 * jse(jk[, 1]))
