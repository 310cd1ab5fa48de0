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

static ar_commit_mode commit_mode = AR_COMMIT_DURABLE;
static pid_t files_owner; /* 0: this process */
static char *handed;  /* the name of the temporary file left last */

static long temp_owner(const char *entry, const char *name);

void ar_output_set_commit_mode(ar_commit_mode mode) { commit_mode = mode; }
void ar_output_set_owner(pid_t pid) { files_owner = pid; }

char *ar_output_take_handed(void) {
  char *name = handed;
  handed = NULL;
  return name;
}

int ar_output_name_ok(const char *name) {
  size_t len = name ? strlen(name) : 0;
  if (len == 0 || len > 200 || name[0] == '.')
    return 0;
  for (const char *p = name; *p; p++)
    if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
      return 0;
  return 1;
}

#define HOST_TAG_LEN 12

/* The first line of the file at path into buf (size > 0); "" when it
 * cannot be read. */
static void first_line(const char *path, char *buf, size_t size) {
  buf[0] = '\0';
  FILE *f = fopen(path, "re");
  if (f && fgets(buf, (int)size, f))
    buf[strcspn(buf, "\n")] = '\0';
  if (f)
    fclose(f);
}

const char *ar_output_host_tag(void) {
  static char tag[HOST_TAG_LEN + 1];
  if (tag[0])
    return tag;
  char boot[64], host[256] = "", ns[64] = "", text[400], hex[AR_SHA256_HEX];
  first_line("/proc/sys/kernel/random/boot_id", boot, sizeof boot);
  gethostname(host, sizeof host - 1);
  ssize_t n = readlink("/proc/self/ns/pid", ns, sizeof ns - 1);
  ns[n > 0 ? n : 0] = '\0';
  int len = snprintf(text, sizeof text, "%s\n%s\n%s\n", boot, host, ns);
  ar_sha256_bytes(text, len > 0 ? (size_t)len : 0, hex);
  memcpy(tag, hex, HOST_TAG_LEN);
  return tag;
}

/* Starts writing path, which is dir/name. */
static ar_output *begin(const char *dir, const char *name, const char *path, ar_diag *diag) {
  ar_output *out = calloc(1, sizeof *out);
  if (!out)
    return NULL;
  out->fd = -1;
  if (!(out->dir = strdup(dir)) || !(out->path = strdup(path)) ||
      asprintf(&out->tmp, "%s/.%s.ar-%s-%ld-XXXXXX", dir, name, ar_output_host_tag(),
               (long)(files_owner ? files_owner : getpid())) < 0) {
    out->tmp = NULL;
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

ar_output *ar_output_begin(const char *dir, const char *name, ar_diag *diag) {
  if (!ar_output_name_ok(name)) {
    ar_diag_add(diag, AR_ERROR, name, 0, 0, "refused as an output file name: it would leave "
                "the output folder or is not a plain file name");
    return NULL;
  }
  char *path = NULL;
  if (asprintf(&path, "%s/%s", dir, name) < 0)
    return NULL;
  ar_output *out = begin(dir, name, path, diag);
  free(path);
  return out;
}

int ar_output_split(const char *path, char **dir, const char **name) {
  const char *slash = strrchr(path, '/');
  *name = slash ? slash + 1 : path;
  *dir = NULL;
  if (!**name || strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0)
    return -1;
  *dir = !slash ? strdup(".") : strndup(path, slash == path ? 1 : (size_t)(slash - path));
  return *dir ? 0 : -1;
}

ar_output *ar_output_begin_path(const char *path, ar_diag *diag) {
  char *dir;
  const char *name;
  if (ar_output_split(path, &dir, &name) != 0) {
    ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot write: it names a folder, not a file");
    return NULL;
  }
  ar_output_remove_temps(dir, name, 0); /* left by a writer killed outright */
  ar_output *out = begin(dir, name, path, diag);
  free(dir);
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

/* Starts writing back what fd holds, without waiting for it. */
static void start_write_back(int fd) {
#ifdef SYNC_FILE_RANGE_WRITE
  if (sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) != 0) {
    /* not supported here: the sync that follows writes it back */
  }
#else
  (void)fd;
#endif
}

int ar_output_commit(ar_output *out, uint64_t written, ar_output_info *info, ar_diag *diag) {
  mode_t mask = umask(0);
  umask(mask);
  ar_commit_mode mode = commit_mode == AR_COMMIT_HANDOFF && handed ? AR_COMMIT_DURABLE : commit_mode;
  const char *step = NULL;
  ar_output_info got;
  if (mode == AR_COMMIT_HANDOFF)
    start_write_back(out->fd);
  if (mode == AR_COMMIT_DURABLE && fsync(out->fd) != 0)
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
    if (mode == AR_COMMIT_HANDOFF) {
      if (!(handed = strdup(strrchr(out->tmp, '/') + 1))) {
        errno = ENOMEM;
        step = "cannot write";
      }
    } else if (rename(out->tmp, out->path) != 0) {
      step = "cannot rename into place";
    }
  }
  if (step) {
    ar_diag_add(diag, AR_ERROR, out->path, 0, 0, "%s: %s", step, strerror(errno));
    ar_output_abort(out);
    return -1;
  }
  free(out->tmp);
  out->tmp = NULL;
  if (mode == AR_COMMIT_DURABLE)
    ar_output_sync_dir(out->dir);
  if (info)
    *info = got;
  ar_output_abort(out);
  return 0;
}

int ar_output_finish(const char *dir, const char *tmp, const char *name, uint64_t bytes,
                     ar_diag *diag) {
  char *from = NULL, *to = NULL;
  if (asprintf(&to, "%s/%s", dir, name) < 0) {
    ar_diag_add(diag, AR_ERROR, name, 0, 0, "out of memory");
    return -1;
  }
  if (strchr(tmp, '/') || temp_owner(tmp, name) != (long)getpid()) {
    ar_diag_add(diag, AR_ERROR, to, 0, 0,
                "refused to put %s in place: not a temporary file of this batch", tmp);
    free(to);
    return -1;
  }
  if (asprintf(&from, "%s/%s", dir, tmp) < 0) {
    ar_diag_add(diag, AR_ERROR, to, 0, 0, "out of memory");
    free(to);
    return -1;
  }
  const char *step = NULL;
  struct stat st;
  int fd = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc = -1;
  if (fd < 0 || fstat(fd, &st) != 0) {
    step = "cannot read back";
  } else if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != bytes) {
    ar_diag_add(diag, AR_ERROR, to, 0, 0,
                "the file holds %llu bytes where %llu were written; it was not put in place",
                (unsigned long long)st.st_size, (unsigned long long)bytes);
  } else if (fsync(fd) != 0) {
    step = "cannot write";
  } else {
    int closed = close(fd);
    fd = -1;
    if (closed != 0)
      step = "cannot write";
    else if (rename(from, to) != 0)
      step = "cannot rename into place";
    else
      rc = 0;
  }
  if (step)
    ar_diag_add(diag, AR_ERROR, to, 0, 0, "%s: %s", step, strerror(errno));
  if (fd >= 0)
    close(fd);
  if (rc != 0)
    unlink(from);
  free(from);
  free(to);
  return rc;
}

int ar_output_sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  int rc = fsync(fd), err = errno;
  close(fd);
  errno = err;
  return rc;
}

int ar_output_sync_fs(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  int rc = syncfs(fd), err = errno;
  close(fd);
  errno = err;
  return rc;
}

/* The pid in ".NAME.ar-TAG-PID-XXXXXX" when TAG is this process's host
 * tag (and NAME is name, unless name is NULL), or -1 when entry is not
 * such a name. Read from the end, since NAME may hold anything. */
static long temp_owner(const char *entry, const char *name) {
  size_t len = strlen(entry), end = len >= 7 ? len - 7 : 0, digits = end;
  if (entry[0] != '.' || end == 0 || entry[end] != '-')
    return -1;
  while (digits > 0 && entry[digits - 1] >= '0' && entry[digits - 1] <= '9')
    digits--;
  const size_t prefix = sizeof ".ar-" - 1 + HOST_TAG_LEN + 1; /* before the digits */
  if (digits == end || end - digits > 9 || digits < 1 + prefix + 1)
    return -1;
  const char *ar = entry + digits - prefix;
  if (strncmp(ar, ".ar-", 4) != 0 || strncmp(ar + 4, ar_output_host_tag(), HOST_TAG_LEN) != 0 ||
      ar[prefix - 1] != '-')
    return -1;
  size_t name_len = (size_t)(ar - entry) - 1;
  if (name && (strlen(name) != name_len || strncmp(entry + 1, name, name_len) != 0))
    return -1;
  return strtol(entry + digits, NULL, 10);
}

/* Tells whether /proc is that of this process's PID namespace, so that
 * /proc/PID is the process kill() calls PID. */
static int proc_is_ours(void) {
  char self[32];
  ssize_t n = readlink("/proc/self", self, sizeof self - 1);
  if (n <= 0)
    return 0;
  self[n] = '\0';
  return strtol(self, NULL, 10) == (long)getpid();
}

/* Tells whether process pid has ended (a zombie nobody reaped counts,
 * when /proc tells). */
static int process_gone(pid_t pid, int proc_ours) {
  if (kill(pid, 0) != 0)
    return errno == ESRCH;
  if (!proc_ours)
    return 0;
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
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d)
    return 0;
  int removed = 0, proc_ours = pid ? 0 : proc_is_ours();
  for (struct dirent *e; (e = readdir(d));) {
    long owner = temp_owner(e->d_name, name);
    if (owner <= 0)
      continue;
    if (pid ? owner != (long)pid : !process_gone((pid_t)owner, proc_ours))
      continue;
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, e->d_name) > 0 && unlink(path) == 0)
      removed++;
    free(path);
  }
  closedir(d);
  return removed;
}
