## Reference numbers for IpcwReferenceTest: IPCW weights, time-dependent AUC (competing risks,
## Blanche et al. 2013 controls "definition 2") and Brier score from riskRegression's Score, and
## the weighted calibration slope / calibration-in-the-large from glm.
## Run from this folder:  Rscript ipcw_reference.R   (writes ipcw_reference.csv)
## Debian bookworm: r-base-core 4.2, r-cran-riskregression 2022.11.28, r-cran-prodlim 2019.11.13.
suppressPackageStartupMessages({
  library(riskRegression)
  library(prodlim)
  library(survival)
})

d <- read.csv("ipcw_cohort.csv")   # landmark rows of the seed-2020 simulated cohort
d$p <- plogis(-1 + 0.5 * (d$mrd_peak_log10 + 4) + 0.02 * (d$age_years - 40))
d$transplanted <- d$transplanted_by_landmark
out <- data.frame(metric = character(), horizon = integer(), row = integer(), marker = character(), value = numeric())
add <- function(metric, horizon, row, marker, value) {
  out[nrow(out) + 1, ] <<- list(metric, horizon, row, marker, value)
}

for (h in c(730, 365)) {
  ## weights: 1/G(T_i-) for an event by h, 1/G(h) past h, 0 if censored by h; G is the reverse
  ## (censoring) Kaplan-Meier that Score's cens.model = "km" fits. Days are whole numbers, so
  ## G(T_i-) = G(T_i - 0.5).
  G <- prodlim(Hist(days, status) ~ 1, data = d, reverse = TRUE)
  ## (one time per call: predict.prodlim returns a vector of times in sorted order)
  g_before <- sapply(d$days - 0.5, function(t) predict(G, times = t))
  g_before[is.na(g_before)] <- 1
  wi <- ifelse(d$days > h, 1 / predict(G, times = h),
               ifelse(d$status != 0, 1 / g_before, 0))
  for (i in seq_len(nrow(d))) add("weight", h, i, "", wi[i])

  sc <- Score(list(p = d$p, transplanted = d$transplanted), formula = Hist(days, status) ~ 1, data = d,
              times = h, cause = 1, metrics = c("auc", "brier"), cens.model = "km",
              conservative = TRUE, se.fit = TRUE, null.model = FALSE)
  for (m in c("p", "transplanted")) {
    a <- sc$AUC$score[model == m]
    add("auc", h, 0, m, a$AUC)
    add("auc_se", h, 0, m, a$se)
  }
  add("brier", h, 0, "p", sc$Brier$score[model == "p"]$Brier)

  y <- as.integer(d$days <= h & d$status == 1)
  k <- wi > 0
  lp <- qlogis(d$p)
  slope <- glm(y ~ lp, weights = wi, family = quasibinomial, subset = k,
               control = glm.control(epsilon = 1e-14, maxit = 100))
  large <- glm(y ~ 1 + offset(lp), weights = wi, family = quasibinomial, subset = k,
               control = glm.control(epsilon = 1e-14, maxit = 100))
  add("calibration_slope", h, 0, "p", unname(coef(slope)[2]))
  add("calibration_in_the_large", h, 0, "p", unname(coef(large)[1]))
}
out$value <- sprintf("%.17g", out$value)
write.csv(out, "ipcw_reference.csv", row.names = FALSE, quote = FALSE)
