#include "config.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ar_output {
  char *dir, *path, *tmp;
  int fd;
};

int ar_output_name_ok(const char *name) {
  size_t len = name ? strlen(name) : 0;
  if (len == 0 || len > 200 || name[0] == '.')
    return 0;
  for (const char *p = name; *p; p++)
    if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
      return 0;
  return 1;
}

ar_output *ar_output_begin(const char *dir, const char *name, ar_diag *diag) {
  if (!ar_output_name_ok(name)) {
    ar_diag_add(diag, AR_ERROR, name, 0, 0, "refused as an output file name: it would leave "
                "the output folder or is not a plain file name");
    return NULL;
  }
  ar_output *out = calloc(1, sizeof *out);
  if (!out)
    return NULL;
  out->fd = -1;
  if (!(out->dir = strdup(dir)) || asprintf(&out->path, "%s/%s", dir, name) < 0 ||
      asprintf(&out->tmp, "%s/.%s.XXXXXX", dir, name) < 0) {
    out->path = out->tmp = NULL;
    ar_output_abort(out);
    return NULL;
  }
  out->fd = mkostemp(out->tmp, O_CLOEXEC);
  if (out->fd < 0) {
    ar_diag_add(diag, AR_ERROR, out->path, 0, 0, "cannot write: %s", strerror(errno));
    free(out->tmp);
    out->tmp = NULL;
    ar_output_abort(out);
    return NULL;
  }
  return out;
}

int ar_output_fd(const ar_output *out) { return out ? out->fd : -1; }
const char *ar_output_path(const ar_output *out) { return out ? out->path : NULL; }

void ar_output_abort(ar_output *out) {
  if (!out)
    return;
  if (out->fd >= 0)
    close(out->fd);
  if (out->tmp)
    unlink(out->tmp);
  free(out->dir);
  free(out->path);
  free(out->tmp);
  free(out);
}

int ar_output_commit(ar_output *out, ar_diag *diag) {
  mode_t mask = umask(0);
  umask(mask);
  const char *step = NULL;
  if (fsync(out->fd) != 0)
    step = "cannot write";
  else if (fchmod(out->fd, 0666 & ~mask) != 0)
    step = "cannot set the mode of";
  else if (close(out->fd) != 0) {
    out->fd = -1;
    step = "cannot write";
  } else {
    out->fd = -1;
    if (rename(out->tmp, out->path) != 0)
      step = "cannot rename into place";
  }
  if (step) {
    ar_diag_add(diag, AR_ERROR, out->path, 0, 0, "%s: %s", step, strerror(errno));
    ar_output_abort(out);
    return -1;
  }
  free(out->tmp);
  out->tmp = NULL;
  int dfd = open(out->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  ar_output_abort(out);
  return 0;
}
