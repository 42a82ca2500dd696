#!/usr/bin/env Rscript
# R's side of bench/yearend_peers.sh: the year-end cases fdi backtest scores
# (fdi backtest --cases), forecast by R's forecast::ets, forecast::auto.arima
# and prophet, and every method scored on the same cases.
#
#   Rscript bench/yearend_peers.R fit CASES.csv FLOWS.csv OUT.csv [ets,arima,prophet]
#     CASES.csv  fdi backtest FILE ... --cases --format csv: the key columns,
#                period (the cut-off month), year, cutoff, method, actual,
#                ytd, forecast, lo80, hi80, lo95, hi95, note
#     FLOWS.csv  the monthly flows fdi fits (fdi yoy --single at every
#                month, concatenated): the same key columns, period, value
#     OUT.csv    the R peers' cases in the columns of CASES.csv
#   Rscript bench/yearend_peers.R score TITLE1 CASES1 R1 [TITLE2 CASES2 R2 ...]
#     a markdown table per file and one pooled over all of them
#
# Each case: the series' flows from its first month to the cut-off, of
# which (as fdi does, engine/forecast/forecast.c) the last stretch without
# a missing month is fitted, as ts(frequency = 12) for ets and auto.arima
# (R's defaults) and as a data frame of month starts for prophet (yearly
# seasonality as prophet decides, no weekly or daily).  The year total is
# the year to date (the case's ytd, fdi's) plus the sum of the point
# forecasts of the months left; its intervals are quantiles of 1,000
# simulated paths summed over the months left: simulate(fit, future = TRUE)
# for ets and auto.arima (Gaussian errors, the fitted model's), prophet's
# predictive_samples (1,000 by default) for prophet.  A method that fails on
# a case (too short a stretch) counts as failed there, with no figures.
#
# Scores per method over its cases (fdi's rules, engine/forecast/backtest.c):
#   mape    mean of 100 |a - f| / |a| over the cases with a != 0
#   smape   mean of 200 |a - f| / (|a| + |f|)
#   cover80, cover95  share of the cases with lo <= a <= hi, in percent
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
Sys.setenv(TZ = "UTC") # prophet asks timedatectl otherwise
NPATHS <- 1000

key_columns <- function(d) names(d)[seq_len(match("period", names(d)) - 1)]
series_id <- function(d, keys) do.call(paste, c(unname(as.list(d[keys])), sep = "\r"))
month_index <- function(p) { # "2016-09" -> months since year 0
    as.integer(substr(p, 1, 4)) * 12L + as.integer(substr(p, 6, 7)) - 1L
}

# the last stretch of y without NA (y's last value is not NA)
last_stretch <- function(y) {
    na <- which(is.na(y))
    if (length(na)) y[(max(na) + 1):length(y)] else y
}

year_end <- function(ytd, point, sums) {
    q <- quantile(sums, c(0.10, 0.90, 0.025, 0.975), names = FALSE)
    c(forecast = ytd + sum(point), lo80 = ytd + q[1], hi80 = ytd + q[2],
      lo95 = ytd + q[3], hi95 = ytd + q[4])
}

peer_ets <- function(y, start, h, ytd) {
    fit <- ets(ts(y, frequency = 12, start = start))
    sums <- replicate(NPATHS, sum(simulate(fit, nsim = h, future = TRUE)))
    year_end(ytd, forecast(fit, h = h)$mean, sums)
}

# auto.arima's year total is Gaussian (a linear model with normal errors):
# the sum of the h forecast errors is sum_k eps_{T+k} (psi_0 + .. +
# psi_{h-k}), with psi the MA(infinity) weights of the model with its
# differences (the AR polynomial times Delta's), so its variance is
# sigma2 sum_k (psi_0 + .. + psi_{h-k})^2: the quantiles 1,000 paths of
# simulate() would estimate, without their noise (and 40x faster)
peer_arima <- function(y, start, h, ytd) {
    fit <- auto.arima(ts(y, frequency = 12, start = start))
    md <- fit$model
    ar <- c(1, -md$phi)
    dl <- c(1, -md$Delta)
    full <- rep(0, length(ar) + length(dl) - 1)
    for (i in seq_along(ar))
        full[i - 1 + seq_along(dl)] <- full[i - 1 + seq_along(dl)] + ar[i] * dl
    psi <- c(1, if (h > 1) ARMAtoMA(ar = -full[-1], ma = md$theta, lag.max = h - 1))
    sd <- sqrt(fit$sigma2 * sum(cumsum(psi)^2))
    point <- sum(forecast(fit, h = h)$mean)
    z <- qnorm(c(0.10, 0.90, 0.025, 0.975))
    c(forecast = ytd + point, lo80 = ytd + point + z[1] * sd, hi80 = ytd + point + z[2] * sd,
      lo95 = ytd + point + z[3] * sd, hi95 = ytd + point + z[4] * sd)
}

peer_prophet <- function(y, start, h, ytd) {
    months <- seq(as.Date(sprintf("%04d-%02d-01", start[1], start[2])), by = "month",
                  length.out = length(y) + h)
    m <- suppressMessages(prophet::prophet(data.frame(ds = months[seq_along(y)], y = y),
                                           weekly.seasonality = FALSE,
                                           daily.seasonality = FALSE,
                                           uncertainty.samples = NPATHS))
    future <- data.frame(ds = months[length(y) + seq_len(h)])
    m$uncertainty.samples <- 0 # the point forecast alone
    point <- predict(m, future)$yhat
    m$uncertainty.samples <- NPATHS
    s <- prophet::predictive_samples(m, future)$yhat # h x NPATHS
    year_end(ytd, point, colSums(s))
}

PEERS <- list(ets = list(name = "R forecast::ets", fn = peer_ets),
              arima = list(name = "R auto.arima", fn = peer_arima),
              prophet = list(name = "R prophet", fn = peer_prophet))

fit_main <- function(cases_csv, flows_csv, out_csv, which) {
    if ("prophet" %in% which)
        suppressPackageStartupMessages(library(prophet))
    cases <- read.csv(cases_csv, check.names = FALSE, stringsAsFactors = FALSE,
                      colClasses = c(period = "character"))
    flows <- read.csv(flows_csv, check.names = FALSE, stringsAsFactors = FALSE,
                      colClasses = c(period = "character"))
    keys <- key_columns(cases)
    stopifnot(identical(keys, key_columns(flows)))
    cases$sid <- series_id(cases, keys)
    flows$sid <- series_id(flows, keys)
    flows$t <- month_index(flows$period)
    # one forecast per series and cut-off, whatever fdi methods were run
    todo <- cases[!duplicated(cases[c("sid", "period")]), ]
    out <- list()
    for (i in seq_len(nrow(todo))) {
        cs <- todo[i, ]
        g <- flows[flows$sid == cs$sid, ]
        stopifnot(!anyDuplicated(g$t))
        # every month to the cut-off; one fdi gave no figure for is missing
        f <- data.frame(t = min(g$t):month_index(cs$period))
        f$value <- g$value[match(f$t, g$t)]
        y <- last_stretch(f$value)
        first <- f$t[nrow(f) - length(y) + 1]
        start <- c(first %/% 12, first %% 12 + 1)
        h <- 12 - cs$cutoff
        # the year to date R sees is fdi's
        got <- sum(f$value[f$t > month_index(cs$period) - cs$cutoff])
        stopifnot(abs(got - cs$ytd) <= 1e-6 * max(1, abs(cs$ytd)))
        for (w in which) {
            set.seed(42 + i)
            r <- tryCatch(PEERS[[w]]$fn(y, start, h, cs$ytd), error = function(e) {
                message(sprintf("%s %s %s: %s", w, gsub("\r", "/", cs$sid), cs$period,
                                conditionMessage(e)))
                NULL
            })
            row <- cs[c(keys, "period", "year", "cutoff")]
            row$method <- PEERS[[w]]$name
            row$actual <- cs$actual
            row$ytd <- cs$ytd
            fig <- if (is.null(r)) rep(NA_real_, 5) else r
            row[c("forecast", "lo80", "hi80", "lo95", "hi95")] <- as.list(fig)
            row$note <- if (is.null(r)) "no forecast: the method failed" else ""
            out[[length(out) + 1]] <- row
        }
        if (i %% 20 == 0)
            message(sprintf("  %d of %d cut-offs", i, nrow(todo)))
    }
    write.csv(do.call(rbind, out), out_csv, row.names = FALSE, na = "")
}

score <- function(d) {
    ok <- !is.na(d$forecast)
    a <- d$actual[ok]
    f <- d$forecast[ok]
    nz <- a != 0
    den <- abs(a) + abs(f)
    data.frame(cases = nrow(d), failed = sum(!ok),
               mape = mean(100 * abs(a - f)[nz] / abs(a[nz])),
               smape = mean(ifelse(den > 0, 200 * abs(a - f) / den, 0)),
               cover80 = 100 * mean(d$lo80[ok] <= a & a <= d$hi80[ok]),
               cover95 = 100 * mean(d$lo95[ok] <= a & a <= d$hi95[ok]))
}

table_of <- function(d) {
    methods <- unique(d$method)
    rows <- do.call(rbind, lapply(methods, function(m) score(d[d$method == m, ])))
    rows <- cbind(method = methods, rows)
    fmt <- function(x, digits) formatC(x, format = "f", digits = digits)
    lines <- c("| method | cases | failed | MAPE | sMAPE | cover80 | cover95 |",
               "|---|---:|---:|---:|---:|---:|---:|",
               sprintf("| %s | %d | %d | %s | %s | %s%% | %s%% |", rows$method, rows$cases,
                       rows$failed, fmt(rows$mape, 2), fmt(rows$smape, 2),
                       fmt(rows$cover80, 1), fmt(rows$cover95, 1)))
    auto <- rows[rows$method == "auto", ]
    if (nrow(auto) == 1) {
        others <- rows[rows$method != "auto", ]
        beats <- others$method[others$mape > auto$mape]
        loses <- others$method[others$mape <= auto$mape]
        lines <- c(lines, "", sprintf("auto's MAPE %s is below: %s.", fmt(auto$mape, 2),
                                      if (length(beats)) paste(beats, collapse = ", ") else "none"),
                   sprintf("Not below: %s.", if (length(loses)) paste(
                       sprintf("%s (%s)", loses, fmt(others$mape[others$mape <= auto$mape], 2)),
                       collapse = ", ") else "none"))
    }
    lines
}

read_cases <- function(path) {
    d <- read.csv(path, check.names = FALSE, stringsAsFactors = FALSE,
                  colClasses = c(period = "character", note = "character"))
    d[c("period", "year", "cutoff", "method", "actual", "ytd", "forecast", "lo80", "hi80",
        "lo95", "hi95")]
}

score_main <- function(a) {
    stopifnot(length(a) %% 3 == 0, length(a) > 0)
    all <- list()
    for (k in seq(1, length(a), by = 3)) {
        d <- rbind(read_cases(a[k + 1]), read_cases(a[k + 2]))
        cat("### ", a[k], "\n\n", sep = "")
        cat(table_of(d), sep = "\n")
        cat("\n")
        d$file <- a[k]
        all[[length(all) + 1]] <- d
    }
    if (length(all) > 1) {
        cat("### Pooled over the files above\n\n")
        cat(table_of(do.call(rbind, all)), sep = "\n")
        cat("\n")
    }
}

if (length(args) >= 4 && args[1] == "fit") {
    which <- if (length(args) >= 5) strsplit(args[5], ",")[[1]] else names(PEERS)
    stopifnot(all(which %in% names(PEERS)))
    fit_main(args[2], args[3], args[4], which)
} else if (length(args) >= 4 && args[1] == "score") {
    score_main(args[-1])
} else {
    stop("usage: yearend_peers.R fit CASES FLOWS OUT [ets,arima,prophet] | ",
         "score TITLE CASES R [TITLE CASES R ...]")
}
