#!/usr/bin/env Rscript
# Golden files of R's forecast::auto.arima on a handful of series, for
# tests/test_fc_arima.c (which reads only the CSVs written here: no R needed
# to run the tests).
#
# Usage (from the repository root):
#   Rscript scripts/arima_golden.R [outdir]      default tests/golden/arima
#
# Series: four classics of R's datasets package (AirPassengers, USAccDeaths,
# UKgas, WWWusage) and three monthly Vietnamese series of datasets/vietnam
# (cumulative year-to-date figures turned into monthly flows: January as
# published, later months the difference to the month before).
#
# Output:
#   series.csv    series,m,t,value           the data, t = 1..n
#   fit.csv       series,m,n,p,d,q,P,D,Q,constant,loglik,aicc,sigma2,coef
#                 (coef: R's coefficients joined by ";" in R's order ar, ma,
#                 sar, sma, intercept/drift; sigma2 the one forecasts use)
#   forecast.csv  series,h,mean,lo80,hi80    forecast(fit, h = 12)
# Numbers are written with 15 significant digits, or 17 when 15 do not
# read back to the same double.

suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "tests/golden/arima"
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
H <- 12

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "golden_csv.R"))  # fmt_num, quote_csv, write_golden

# Monthly flows of a cumulative year-to-date file (date,value,...): the
# first row is kept only when it is a January (otherwise it sums months
# before the file starts).
ytd_flows <- function(path, from = "0000") {
  d <- read.csv(path, stringsAsFactors = FALSE)
  d <- d[d$date >= from, ]
  year <- as.integer(substr(d$date, 1, 4))
  month <- as.integer(substr(d$date, 6, 7))
  idx <- (year * 12 + month)
  stopifnot(all(diff(idx) == 1)) # no gaps
  flow <- d$value - c(NA, head(d$value, -1))
  flow[month == 1] <- d$value[month == 1]
  ts(flow[!is.na(flow)], frequency = 12)
}
plain_monthly <- function(path) {
  d <- read.csv(path, stringsAsFactors = FALSE)
  ts(d$value, frequency = 12)
}

SERIES <- list(
  AirPassengers = AirPassengers,     # Box & Jenkins, airline passengers 1949-60
  USAccDeaths = USAccDeaths,         # US accidental deaths 1973-78
  ldeaths = ldeaths,                 # UK lung disease deaths 1974-79
  UKgas = UKgas,                     # UK gas consumption, quarterly 1960-86
  WWWusage = WWWusage,               # users online per minute, non-seasonal
  vn_fdi_disbursed = plain_monthly("datasets/vietnam/fdi_disbursed.csv"),
  vn_fdi_registered = ytd_flows("datasets/vietnam/fdi_registered_ytd.csv",
                                # complete from 2022-01 (months missing before)
                                from = "2022-01"),
  vn_public_investment = ytd_flows("datasets/vietnam/public_investment_ytd.csv")
)

series_rows <- list(); fit_rows <- list(); fc_rows <- list()
for (s in names(SERIES)) {
  x <- SERIES[[s]]
  m <- frequency(x)
  fit <- auto.arima(x)
  o <- fit$arma # p, q, P, Q, m, d, D
  constant <- as.integer(any(names(fit$coef) %in% c("intercept", "drift")))
  fc <- forecast(fit, h = H, level = 80)
  cat(sprintf("%-22s n=%3d  %s\n", s, length(x), as.character(fit)))
  series_rows[[s]] <- data.frame(series = s, m = m, t = seq_along(x), value = as.numeric(x))
  fit_rows[[s]] <- data.frame(series = s, m = m, n = length(x), p = o[1], d = o[6], q = o[2],
                              P = o[3], D = o[7], Q = o[4], constant = constant,
                              loglik = fit$loglik, aicc = fit$aicc, sigma2 = fit$sigma2,
                              coef = paste(fmt_num(unname(fit$coef)), collapse = ";"))
  fc_rows[[s]] <- data.frame(series = s, h = 1:H, mean = as.numeric(fc$mean),
                             lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]))
}
write_golden(do.call(rbind, series_rows), "series.csv", outdir)
write_golden(do.call(rbind, fit_rows), "fit.csv", outdir)
write_golden(do.call(rbind, fc_rows), "forecast.csv", outdir)
writeLines(c(
  "# ARIMA golden files",
  "",
  "Written by `Rscript scripts/arima_golden.R` (see its header); read by",
  "`tests/test_fc_arima.c`. Do not edit by hand.",
  "",
  sprintf("- Generated with: %s, forecast %s", R.version.string, packageVersion("forecast")),
  "- AirPassengers, USAccDeaths, ldeaths, UKgas, WWWusage: R's `datasets`",
  "  package (sources in its help pages: Box & Jenkins 1976; Brockwell & Davis",
  "  1991; Diggle 1990; Durbin & Koopman 2001; Makridakis et al. 1998).",
  "- vn_*: `datasets/vietnam/` (see `datasets/SOURCES.md`), year-to-date",
  "  figures turned into monthly flows."
), file.path(outdir, "README.md"))
