#include "config.h"

#include "datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ar_in_build_tree(void) {
  static int known, inside;
  if (!known) {
    char exe[4096], *tree = realpath(AR_BUILD_DIR, NULL);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    size_t len = tree ? strlen(tree) : 0;
    if (n > 0 && tree) {
      exe[n] = '\0';
      inside = strncmp(exe, tree, len) == 0 && exe[len] == '/';
    }
    free(tree);
    known = 1;
  }
  return inside;
}

const char *ar_datadir(void) {
  const char *env = getenv("ALLIANCE_REPORT_DATADIR");
  if (env && *env)
    return env;
  if (access(PKGDATADIR "/" AR_SCHEMA_FILE, R_OK) == 0 || !ar_in_build_tree())
    return PKGDATADIR;
  return AR_SRCDATADIR;
}

char *ar_datadir_file(const char *name) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s", ar_datadir(), name) < 0)
    return NULL;
  return path;
}
