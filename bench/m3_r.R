#!/usr/bin/env Rscript
# Reference accuracy and speed of R's forecast package on the M3 monthly set.
#
# For each series: x <- ts(train, frequency = 12), forecast h = length(test)
# (18 for every M3 monthly series) steps with
#   snaive  forecast::snaive(x, h)
#   thetaf  forecast::thetaf(x, h)
#   ets     forecast(forecast::ets(x), h)   (automatic selection, ~9 min for all)
#   arima   forecast(forecast::auto.arima(x), h)   (R's defaults: stepwise,
#           CSS approximation above 150 points; not in the default methods)
# and score against the test part:
#   smape  mean over series and horizons of 200 * |a - f| / (|a| + |f|)
#          (a term with a = f = 0 counts as 0)
#   mase   mean over series of mean_h |a - f| / scale, where scale is the
#          in-sample mean absolute seasonal difference mean(|x_t - x_{t-12}|);
#          series with scale 0 are left out (a note goes to stderr)
#   seconds            wall time of fitting + forecasting only (no I/O, no scoring)
#   series_per_second  series / seconds
# With --dump, every forecast too, as bench/m3.c --dump writes them:
#   method,series,h,forecast,label   (label: the model ets chose, "ETS(M,Ad,M)")
#
# Usage:
#   Rscript bench/m3_r.R [--n=N] [--methods=snaive,thetaf,ets] [--out=PATH] [--data=CSV]
#                        [--dump=PATH]
#   --n        only the first N series (in the order they first appear in the
#              file); default all 1,428
#   --methods  comma-separated subset/order of snaive,thetaf,ets,arima; default the
#              first three
#   --out      CSV path for method,smape,mase,seconds,series_per_second;
#              default stdout (progress goes to stderr)
#   --data     M3 long CSV (series,category,period,value,part); default
#              datasets/m3/m3_monthly.csv if present, else ../shared/datasets/m3/m3_monthly.csv
#              (bench/t4.sh passes generated series in the same layout)
# A bare first argument is taken as --out and a bare second one as --n.
# Single process, no parallelism (so timings are comparable with the C engine).

suppressPackageStartupMessages(library(forecast))

opts <- list(n = NA_integer_, methods = "snaive,thetaf,ets", out = "", dump = "",
             data = if (file.exists("datasets/m3/m3_monthly.csv"))
               "datasets/m3/m3_monthly.csv" else "../shared/datasets/m3/m3_monthly.csv")
positional <- character(0)
for (a in commandArgs(trailingOnly = TRUE)) {
  if (grepl("^--[a-z]+=", a)) {
    key <- sub("^--([a-z]+)=.*$", "\\1", a); val <- sub("^--[a-z]+=", "", a)
    if (!key %in% names(opts)) stop("unknown option --", key)
    opts[[key]] <- val
  } else if (a %in% c("-h", "--help")) {
    cat("Rscript bench/m3_r.R [--n=N] [--methods=snaive,thetaf,ets] [--out=PATH] [--data=CSV]\n")
    quit(status = 0)
  } else positional <- c(positional, a)
}
if (length(positional) >= 1) opts$out <- positional[1]
if (length(positional) >= 2) opts$n <- positional[2]
nlim <- suppressWarnings(as.integer(opts$n))
methods <- strsplit(opts$methods, ",", fixed = TRUE)[[1]]
known <- c("snaive", "thetaf", "ets", "arima")
if (!all(methods %in% known)) stop("unknown method(s): ", paste(setdiff(methods, known), collapse = " "))

d <- read.csv(opts$data, stringsAsFactors = FALSE,
              colClasses = c("character", "character", "character", "numeric", "character"))
ids <- unique(d$series)
if (!is.na(nlim)) ids <- head(ids, nlim)
d <- d[d$series %in% ids, ]
d <- d[order(match(d$series, ids), d$period), ]
train <- split(d$value[d$part == "train"], factor(d$series[d$part == "train"], levels = ids))
test  <- split(d$value[d$part == "test"],  factor(d$series[d$part == "test"],  levels = ids))
message(sprintf("m3_r: %d series from %s; methods %s", length(ids), opts$data,
                paste(methods, collapse = ",")))

forecasters <- list(
  snaive = function(x, h) as.numeric(snaive(x, h = h)$mean),
  thetaf = function(x, h) as.numeric(thetaf(x, h = h)$mean),
  ets    = function(x, h) {
    fit <- ets(x)
    structure(as.numeric(forecast(fit, h = h)$mean), label = fit$method)
  },
  arima  = function(x, h) {
    fit <- auto.arima(x)
    structure(as.numeric(forecast(fit, h = h)$mean), label = as.character(fit))
  }
)

xs <- lapply(train, ts, frequency = 12)
hs <- vapply(test, length, 1L)
scale <- vapply(train, function(v) mean(abs(diff(v, lag = 12))), 0)

rows <- list()
dumped <- list()
for (m in methods) {
  fun <- forecasters[[m]]
  fc <- vector("list", length(ids))
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_along(ids)) fc[[i]] <- fun(xs[[i]], hs[[i]])
  secs <- proc.time()[["elapsed"]] - t0

  a <- unlist(test, use.names = FALSE); f <- unlist(fc, use.names = FALSE)
  den <- abs(a) + abs(f)
  terms <- ifelse(den == 0, 0, 200 * abs(a - f) / den)
  smape <- mean(terms)
  mae <- vapply(seq_along(ids), function(i) mean(abs(test[[i]] - fc[[i]])), 0)
  ok <- is.finite(scale) & scale > 0
  if (any(!ok)) message(sprintf("m3_r: %s: %d series with zero/undefined MASE scale left out",
                                m, sum(!ok)))
  mase <- mean(mae[ok] / scale[ok])
  message(sprintf("m3_r: %-6s smape %.4f mase %.4f  %.2fs", m, smape, mase, secs))
  rows[[m]] <- data.frame(method = m, smape = smape, mase = mase, seconds = secs,
                          series_per_second = length(ids) / secs)
  if (opts$dump != "")
    dumped[[m]] <- do.call(rbind, lapply(seq_along(ids), function(i) {
      lab <- attr(fc[[i]], "label")
      data.frame(method = m, series = ids[i], h = seq_along(fc[[i]]),
                 forecast = sprintf("%.10g", fc[[i]]),
                 label = if (is.null(lab)) m else lab)
    }))
}
if (opts$dump != "") {
  write.csv(do.call(rbind, dumped), opts$dump, row.names = FALSE, quote = FALSE)
  message("m3_r: wrote ", opts$dump)
}
out <- do.call(rbind, rows)
if (opts$out == "" || opts$out == "-") {
  write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
} else {
  write.csv(out, opts$out, row.names = FALSE, quote = FALSE)
  message("m3_r: wrote ", opts$out)
}
