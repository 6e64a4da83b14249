# Reads FCS files with flowCore's own read.FCS parsing functions, run from flowCore's sources
# (R/IO.R of RGLab/flowCore): header, TEXT (the pure-R fcs_text_parse, the C++ fcsTextParse's
# original), offset checks and DATA, as read.FCS(f, transformation = FALSE,
# truncate_max_range = FALSE) calls them. flowCore itself needs cytolib and RProtoBufLib, which
# are not packaged in Debian, so its flowFrame is not built. Prints one JSON record per file:
# keywords as flowCore reports them, events, parameters and the SHA-256 of the events as a
# float64 little-endian row-major matrix, or flowCore's error.
#
# usage: Rscript flowcore_read.R FLOWCORE/R/IO.R FILE...    (needs R's digest package)
args <- commandArgs(trailingOnly = TRUE)
wanted <- c("readFCSgetPar", "findOffsets", "checkOffset", "readFCSheader", "readFCStext",
            "fcs_text_parse", ".readFCSdataRaw", ".readFCSdataRawMultiple",
            "check_channel_alias", "update_channel_by_alias", "readFCSdata")
for (e in parse(args[1])) {
  if (is.call(e) && as.character(e[[1]]) %in% c("<-", "=") && as.character(e[[2]]) %in% wanted)
    eval(e, globalenv())
}
colMaxs <- function(x, cols) apply(x[, cols, drop = FALSE], 2, max)
json <- function(s) {
  s <- gsub('(["\\\\])', "\\\\\\1", enc2utf8(s))
  paste0('"', gsub("\n", "\\\\n", s), '"')
}
records <- c()
for (f in args[-1]) {
  con <- file(f, open = "rb")
  record <- tryCatch({
    offsets <- findOffsets(con, emptyValue = TRUE, cpp = FALSE)
    txt <- readFCStext(con, offsets, emptyValue = TRUE, cpp = FALSE)
    mat <- readFCSdata(con, offsets, txt, transformation = FALSE, which.lines = NULL,
                       scale = FALSE, alter.names = FALSE, decades = 0, min.limit = NULL,
                       truncate_max_range = FALSE,
                       channel_alias = check_channel_alias(NULL))
    raw <- writeBin(as.vector(t(mat)), raw(), size = 8, endian = "little")
    kw <- txt[names(txt) != "FCSversion"]
    paste0('{"keywords": {', paste(json(names(kw)), json(iconv(kw, "latin1", "UTF-8")),
                                     sep = ": ", collapse = ", "),
           '}, "events": ', nrow(mat), ', "parameters": ', ncol(mat),
           ', "events_sha256": ', json(digest::digest(raw, algo = "sha256", serialize = FALSE)),
           '}')
  }, error = function(e) paste0('{"error": ', json(conditionMessage(e)), '}'),
  finally = close(con))
  records <- c(records, paste0(json(basename(f)), ": ", record))
}
cat("{", paste(records, collapse = ",\n"), "}\n")
