/* fdi/fdi.h - the whole public API of the fdi engine. */
#ifndef FDI_FDI_H
#define FDI_FDI_H

#include "fdi/error.h"
#include "fdi/parse.h"
#include "fdi/frame.h"
#include "fdi/ingest.h"
#include "fdi/panel.h"
#include "fdi/kernels.h"
#include "fdi/measures.h"
#include "fdi/table.h"
#include "fdi/output.h"
#include "fdi/forecast.h"
#include "fdi/whatif.h"
#include "fdi/report.h"
#include "fdi/chart.h"
#include "fdi/shard.h"
#include "fdi/ask.h"
#include "fdi/load.h"

#define FDI_VERSION "0.1.0"

#endif
