#!/usr/bin/env Rscript
# T1 peer, R data.table: what `fdi yoy FILE --as-of 2024-09 --by province,measure` computes.
#   Rscript bench/peers/t1_datatable.R t1   FILE > out.csv
#       province,measure,ytd,ytd_prev,multiple  (252 rows; multiple empty when ytd_prev <= 0)
#   Rscript bench/peers/t1_datatable.R full FILE > out.csv
#       T1-full: year to date and year-over-year multiple for every series
#       (province, partner, measure) and every month; prints the checksum
#       ytd_sum,multiple_count,multiple_sum
suppressPackageStartupMessages(library(data.table))
setDTthreads(2L)
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]; path <- args[2]

if (mode == "t1") {
  d <- fread(path, select = c("period", "province", "measure", "value_usd_m"),
             colClasses = list(character = c("period", "province", "measure"),
                               numeric = "value_usd_m"), nThread = 2L)
  cur <- sprintf("2024-%02d", 1:9); prev <- sprintf("2023-%02d", 1:9)
  r <- d[period %chin% c(cur, prev),
         .(ytd = sum(value_usd_m[period %chin% cur]),
           ytd_prev = sum(value_usd_m[period %chin% prev])),
         keyby = .(province, measure)]
  r[, multiple := fifelse(ytd_prev > 0, ytd / ytd_prev, NA_real_)]
  fwrite(r, "", na = "")
} else if (mode == "full") {
  d <- fread(path, select = c("period", "province", "partner", "measure", "value_usd_m"),
             colClasses = list(character = c("period", "province", "partner", "measure"),
                               numeric = "value_usd_m"), nThread = 2L)
  if (is.unsorted(d$period)) setorder(d, period)   # the cube is in period order
  up <- unique(d$period)                           # 300 periods: parse each once
  pi <- chmatch(d$period, up)
  d[, `:=`(y = as.integer(substr(up, 1, 4))[pi], m = as.integer(substr(up, 6, 7))[pi])]
  d[, ytd := cumsum(value_usd_m), by = .(province, partner, measure, y)]
  # the same month a year before: the previous row once ordered by series, month, year
  setorder(d, province, partner, measure, m, y)
  d[, `:=`(ytd_prev = shift(ytd), y_prev = shift(y))]
  d[rowid(province, partner, measure, m) == 1L, y_prev := NA]
  mult <- d[y_prev == y - 1L & ytd_prev > 0, ytd / ytd_prev]
  cat("ytd_sum,multiple_count,multiple_sum\n")
  cat(sprintf("%.17g,%d,%.17g\n", sum(d$ytd), length(mult), sum(mult)))
} else stop("mode: t1 or full")
