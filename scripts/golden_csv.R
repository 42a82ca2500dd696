# golden_csv.R - how the R golden scripts write their CSV files, shared by
# scripts/r_golden_forecast.R and scripts/arima_golden.R.  Numbers are
# written with 15 significant digits, or 17 when 15 do not read back to the
# same double, so the C tests compare against R's own doubles.

fmt_num <- function(x) {
  s <- rep("NA", length(x))
  ok <- !is.na(x)
  s[ok] <- sprintf("%.15g", x[ok])
  bad <- ok
  bad[ok] <- as.numeric(s[ok]) != x[ok]
  s[bad] <- sprintf("%.17g", x[bad])
  s
}

quote_csv <- function(s) {
  need <- grepl("[\",\n]", s)
  s[need] <- paste0("\"", gsub("\"", "\"\"", s[need]), "\"")
  s
}

write_golden <- function(df, file, outdir) {
  cols <- lapply(df, function(col) {
    if (is.numeric(col)) fmt_num(col)
    else if (is.logical(col)) ifelse(is.na(col), "NA", ifelse(col, "TRUE", "FALSE"))
    else quote_csv(as.character(col))
  })
  lines <- c(paste(names(df), collapse = ","),
             do.call(paste, c(cols, sep = ",")))
  writeLines(lines, file.path(outdir, file), useBytes = TRUE)
  cat(sprintf("wrote %-14s %5d rows\n", file, nrow(df)))
}

