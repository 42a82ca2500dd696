/* test_switches.c - the ingest's test-only switches (test_switches.h). */
#include "ingest/test_switches.h"

fdi__ingest_switches fdi__ingest_test_switches = {0, 0, 0, 0, 0};
