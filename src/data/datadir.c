#include "config.h"

#include "datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *ar_datadir(void) {
  const char *env = getenv("ALLIANCE_REPORT_DATADIR");
  if (env && *env)
    return env;
  if (access(PKGDATADIR "/" AR_SCHEMA_FILE, R_OK) == 0)
    return PKGDATADIR;
  return AR_SRCDATADIR;
}

char *ar_datadir_file(const char *name) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s", ar_datadir(), name) < 0)
    return NULL;
  return path;
}
