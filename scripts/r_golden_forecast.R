#!/usr/bin/env Rscript
# Golden files of R's forecasts (forecast::ets, forecast::thetaf,
# stats::decompose) on a handful of M3 monthly series, for the C tests of
# engine/forecast.  The C tests read only the CSVs written here; they never
# need R.
#
# Usage:
#   Rscript scripts/r_golden_forecast.R [M3 csv] [outdir]
# Defaults: datasets/m3/m3_monthly.csv if it exists, else
#           ../shared/datasets/m3/m3_monthly.csv; outdir tests/golden/forecast
#
# The M3 file is a long CSV: series,category,period,value,part (period YYYY-MM,
# part train/test).  Only the train part is used, as ts(train, frequency = 12):
# the start date is irrelevant (every series starts at cycle position 1, so
# position 1 of a seasonal figure is the season of the first observation).
#
# Output (see README.md written next to them):
#   series.csv     series,t,value
#   ets.csv        automatic ets(): parameters, fit statistics, h = 1..18 forecasts
#   ets_fixed.csv  the same for fixed models (column spec = the model asked for)
#   theta.csv      thetaf() point forecasts, its seasonal test and SES alpha
#   decompose.csv  decompose()$figure, multiplicative and additive
#
# Numbers are written with the shortest of 15 or 17 significant digits that
# reads back to exactly the same double, so a C strtod() gets R's value bit for
# bit.  Missing values are written as NA.

suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
infile <- if (length(args) >= 1) args[1] else
  if (file.exists("datasets/m3/m3_monthly.csv")) "datasets/m3/m3_monthly.csv" else
    "../shared/datasets/m3/m3_monthly.csv"
outdir <- if (length(args) >= 2) args[2] else "tests/golden/forecast"

H <- 18
LEVELS <- c(80, 95)

# Chosen series.  Picked by fitting ets() to all 1,428 train parts and looking
# at trend/seasonal strength (STL on the log scale), slope and plots.
CHOSEN <- c(
  # (a) AirPassengers-like: clear upward trend, multiplicative seasonality
  #     (ets picks ETS(M,A,M); seasonal swings grow with the level)
  "N2577",  # FINANCE, 116 obs, level doubles, one huge peak a year that grows
  "N2015",  # INDUSTRY, 126 obs, smooth trend x3, strong seasonal
  "N2340",  # MACRO, 116 obs, trend x2, amplitude clearly grows with level
  "N2470",  # MACRO, 114 obs, steep trend from year 4, growing seasonal dips
  # (b) additive season, no trend (ets picks ETS(A,N,A))
  "N1909",  # INDUSTRY, 126 obs, flat level, deep regular troughs
  "N2128",  # INDUSTRY, 126 obs, flat level (slope ~0), wide annual swing
  # (c) short: 48 training points, the fewest in the set (N2479 and N2480 tie)
  "N2479",  # MACRO, 48 obs, falling towards zero, ets picks ETS(A,A,N)
  # (d) nearly flat: coefficient of variation 1.8%, ets picks ETS(A,N,N)
  "N1874",  # MICRO, 108 obs, level ~8240 with a few spikes
  # (e) damped trend picked by ets
  "N2504",  # MACRO, 90 obs, ETS(M,Ad,M): trend flattening, strong dips
  "N2699"   # DEMOGRAPHIC, 117 obs, ETS(A,Ad,A): saturating growth, small season
)

# Fixed models fitted to every chosen series (skipped when ets() refuses).
FIXED <- list(
  list(spec = "ANN",  model = "ANN", damped = FALSE),
  list(spec = "AAN",  model = "AAN", damped = FALSE),
  list(spec = "AAdN", model = "AAN", damped = TRUE),
  list(spec = "ANA",  model = "ANA", damped = FALSE),
  list(spec = "AAA",  model = "AAA", damped = FALSE),
  list(spec = "MAM",  model = "MAM", damped = FALSE),
  list(spec = "MNM",  model = "MNM", damped = FALSE)
)

# ---------------------------------------------------------------- formatting
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "golden_csv.R"))  # fmt_num, quote_csv, write_golden

# ---------------------------------------------------------------- data
d <- read.csv(infile, stringsAsFactors = FALSE,
              colClasses = c("character", "character", "character", "numeric", "character"))
d <- d[d$part == "train" & d$series %in% CHOSEN, ]
d <- d[order(d$series, d$period), ]
missing <- setdiff(CHOSEN, unique(d$series))
if (length(missing)) stop("series not found in ", infile, ": ", paste(missing, collapse = " "))
dir.create(outdir, recursive = TRUE, showWarnings = FALSE)

get_x <- function(s) ts(d$value[d$series == s], frequency = 12)

par_or_na <- function(fit, name) {
  p <- fit$par
  if (name %in% names(p)) unname(p[[name]]) else NA_real_
}

ets_rows <- function(s, x, fit) {
  set.seed(20240101)  # only matters if forecast() ever simulates intervals
  fc <- forecast(fit, h = H, level = LEVELS)
  data.frame(series = s, n = length(x), model = fit$method,
             alpha = par_or_na(fit, "alpha"), beta = par_or_na(fit, "beta"),
             gamma = par_or_na(fit, "gamma"), phi = par_or_na(fit, "phi"),
             sigma2 = fit$sigma2, loglik = fit$loglik, aicc = fit$aicc,
             h = seq_len(H), mean = as.numeric(fc$mean),
             lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
             lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]),
             stringsAsFactors = FALSE)
}

series_rows <- list(); ets_all <- list(); fixed_all <- list()
theta_all <- list(); dec_all <- list()

for (s in CHOSEN) {
  x <- get_x(s)
  n <- length(x)
  series_rows[[s]] <- data.frame(series = s, t = seq_len(n), value = as.numeric(x))

  # automatic ets
  fit <- ets(x)
  ets_all[[s]] <- ets_rows(s, x, fit)
  cat(sprintf("%-6s n=%3d  auto %s\n", s, n, fit$method))

  # fixed models
  for (fm in FIXED) {
    f <- tryCatch(ets(x, model = fm$model, damped = fm$damped),
                  error = function(e) {
                    cat(sprintf("%-6s        %-5s skipped: %s\n", s, fm$spec,
                                conditionMessage(e)))
                    NULL
                  })
    if (!is.null(f)) {
      r <- ets_rows(s, x, f)
      fixed_all[[paste(s, fm$spec)]] <- cbind(spec = fm$spec, r, stringsAsFactors = FALSE)
    }
  }

  # theta: recompute thetaf()'s seasonality decision exactly as it does
  m <- frequency(x)
  seasonal <- FALSE
  if (m > 1 && !is.constant(x) && n > 2 * m) {
    r <- as.numeric(acf(x, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    seasonal <- abs(r[m]) / stat > qnorm(0.95)
    # thetaf falls back to non-seasonal when an index is ~0 (with a warning)
    if (seasonal && any(abs(decompose(x, type = "multiplicative")$figure) < 1e-4))
      seasonal <- FALSE
  }
  th <- thetaf(x, h = H)
  theta_all[[s]] <- data.frame(series = s, n = n, h = seq_len(H),
                               mean = as.numeric(th$mean), seasonal = seasonal,
                               alpha = unname(th$model$alpha),
                               drift = unname(th$model$drift))

  # classical decomposition figures
  for (type in c("multiplicative", "additive")) {
    fig <- decompose(x, type = type)$figure
    dec_all[[paste(s, type)]] <- data.frame(series = s, type = type,
                                            position = seq_along(fig), figure = fig)
  }
}

write_golden(do.call(rbind, series_rows), "series.csv", outdir)
write_golden(do.call(rbind, ets_all), "ets.csv", outdir)
write_golden(do.call(rbind, fixed_all), "ets_fixed.csv", outdir)
write_golden(do.call(rbind, theta_all), "theta.csv", outdir)
write_golden(do.call(rbind, dec_all), "decompose.csv", outdir)

# ---------------------------------------------------------------- README
rver <- R.version.string
fver <- as.character(packageVersion("forecast"))
readme <- c(
"# Golden forecasts from R",
"",
"Reference values computed by R's `forecast` package and `stats::decompose`",
"on ten M3 monthly series, for the C tests of `engine/forecast`. The tests read",
"only these CSVs; they do not need R.",
"",
sprintf("- Generated with: %s, forecast %s", rver, fver),
"- Regenerate (from the repository root):",
"",
"      Rscript scripts/r_golden_forecast.R [M3 csv] [outdir]",
"",
"  defaults: `datasets/m3/m3_monthly.csv` if present, else",
"  `../shared/datasets/m3/m3_monthly.csv`; outdir `tests/golden/forecast`.",
"",
"Each series is the **train** part only, as `ts(train, frequency = 12)`.",
"Start dates are irrelevant: every series starts at cycle position 1, so",
"position 1 of a seasonal figure (and seasonal state) is the season of the",
"first observation. The forecast horizon is 18 (h = 1..18, the M3 test length).",
"",
"Numbers carry full precision: the shortest of 15 or 17 significant digits",
"that reads back to exactly R's double. Missing values are `NA`. Fields that",
"contain a comma (the model names, e.g. `\"ETS(M,Ad,M)\"`) are double-quoted",
"(RFC 4180).",
"",
"## Files",
"",
"- `series.csv` — `series,t,value`: the train values (t = 1..n).",
"- `ets.csv` — `series,n,model,alpha,beta,gamma,phi,sigma2,loglik,aicc,h,mean,lo80,hi80,lo95,hi95`:",
"  `fit <- ets(x)` (all defaults: AICc selection, restricted model set,",
"  `opt.crit = \"lik\"`), `forecast(fit, h = 18, level = c(80, 95))`.",
"  `model` is `fit$method`; alpha/beta/gamma/phi are `fit$par` (NA when the",
"  model has no such parameter); `sigma2`, `loglik`, `aicc` are those of",
"  the fit. One row per horizon; the fit columns repeat on each row.",
"- `ets_fixed.csv` — `spec` followed by the same columns as `ets.csv`, for",
"  fixed models on every series: `ANN`, `AAN`, `AAdN`, `ANA`, `AAA`, `MAM`,",
"  `MNM`, fitted as `ets(x, model = <spec without d>, damped = <TRUE for AAdN,",
"  FALSE otherwise>)` (damped = FALSE matters: R's default would also try the",
"  damped variant). A model that `ets()` refuses is absent. All intervals",
"  here are analytical (classes 1-3), not simulated.",
"- `theta.csv` — `series,n,h,mean,seasonal,alpha,drift`: `thetaf(x, h = 18)$mean`.",
"  `seasonal` is thetaf's own test (`n > 2m`, not constant, and with",
"  `r <- acf(x, lag.max = 12)$acf[-1]`,",
"  `stat <- sqrt((1 + 2 * sum(r[-12]^2)) / n)`: `abs(r[12]) / stat > qnorm(0.95)`;",
"  if TRUE the series is divided by `decompose(x, \"multiplicative\")` seasonals",
"  before SES and the forecasts multiplied back). `alpha` is the SES alpha",
"  thetaf used (`thetaf(...)$model$alpha`, floored at 1e-10) and `drift`",
"  is its `$model$drift` (half the OLS slope of the, possibly adjusted, series).",
"- `decompose.csv` — `series,type,position,figure`: `decompose(x, type)$figure`",
"  for type `multiplicative` and `additive`, positions 1..12.",
"",
"## Series",
"",
"| series | n | why | R's ets model |",
"|---|---|---|---|")
why <- c(N2577 = "trend + multiplicative season", N2015 = "trend + multiplicative season",
         N2340 = "trend + multiplicative season", N2470 = "trend + multiplicative season",
         N1909 = "additive season, no trend", N2128 = "additive season, no trend",
         N2479 = "short (48, fewest in M3 monthly)", N1874 = "nearly flat",
         N2504 = "damped trend", N2699 = "damped trend")
for (s in CHOSEN) {
  e <- ets_all[[s]]
  readme <- c(readme, sprintf("| %s | %d | %s | %s |", s, e$n[1], why[[s]], e$model[1]))
}
writeLines(readme, file.path(outdir, "README.md"))
cat("wrote README.md\n")
