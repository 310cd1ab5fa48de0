#include "config.h"

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
      asprintf(&out->tmp, "%s/.%s.ar%ld-XXXXXX", dir, name, (long)getpid()) < 0) {
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

int ar_output_make_dir(const char *dir) {
  char *copy = strdup(dir);
  if (!copy)
    return -1;
  for (char *p = *copy ? copy + 1 : copy; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      free(copy);
      return -1;
    }
    *p = '/';
  }
  int rc = mkdir(copy, 0777) != 0 && errno != EEXIST ? -1 : 0;
  free(copy);
  struct stat st;
  if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
    errno = ENOTDIR;
    rc = -1;
  }
  return rc;
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

int ar_output_commit(ar_output *out, uint64_t written, ar_output_info *info, ar_diag *diag) {
  mode_t mask = umask(0);
  umask(mask);
  const char *step = NULL;
  ar_output_info got;
  if (fsync(out->fd) != 0)
    step = "cannot write";
  else if (ar_sha256_fd(out->fd, got.sha256, &got.bytes) != 0)
    step = "cannot read back";
  else if (got.bytes != written) {
    ar_diag_add(diag, AR_ERROR, out->path, 0, 0,
                "the file holds %llu bytes where %llu were written; it was not put in place",
                (unsigned long long)got.bytes, (unsigned long long)written);
    ar_output_abort(out);
    return -1;
  } else if (fchmod(out->fd, 0666 & ~mask) != 0)
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
  if (info)
    *info = got;
  ar_output_abort(out);
  return 0;
}

/* The pid in ".NAME.arPID-XXXXXX" (any NAME when name is NULL), or -1
 * when entry is not such a name. */
static long temp_owner(const char *entry, const char *name) {
  size_t len = strlen(entry);
  if (entry[0] != '.' || len < 12 || entry[len - 7] != '-')
    return -1;
  const char *ar = NULL;
  if (name) {
    size_t nlen = strlen(name);
    if (strncmp(entry + 1, name, nlen) != 0 || strncmp(entry + 1 + nlen, ".ar", 3) != 0)
      return -1;
    ar = entry + 1 + nlen + 1;
  } else {
    for (const char *p = entry + len - 8; p > entry && !ar; p--)
      if (p[0] == '.' && p[1] == 'a' && p[2] == 'r')
        ar = p + 1;
  }
  if (!ar)
    return -1;
  char *end;
  long pid = strtol(ar + 2, &end, 10);
  if (end == ar + 2 || pid <= 0 || end != entry + len - 7)
    return -1;
  return pid;
}

/* Tells whether process pid has ended (a zombie nobody reaped counts). */
static int process_gone(pid_t pid) {
  if (kill(pid, 0) != 0)
    return errno == ESRCH;
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
  FILE *f = fopen(path, "re");
  if (!f)
    return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  const char *paren = strrchr(buf, ')');
  return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

int ar_output_remove_temps(const char *dir, const char *name, pid_t pid) {
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  int removed = 0;
  for (struct dirent *e; (e = readdir(d));) {
    long owner = temp_owner(e->d_name, name);
    if (owner < 0)
      continue;
    if (pid ? owner != (long)pid : !process_gone((pid_t)owner))
      continue;
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, e->d_name) > 0 && unlink(path) == 0)
      removed++;
    free(path);
  }
  closedir(d);
  return removed;
}
