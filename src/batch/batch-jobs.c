#include "config.h"

#include "batch-jobs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ar_jobs_clear(ar_job *jobs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(jobs[i].name);
    free(jobs[i].path);
    free(jobs[i].error);
    jobs[i].name = jobs[i].path = jobs[i].error = NULL;
  }
}

const char *ar_job_status_name(ar_job_status s) {
  switch (s) {
  case AR_JOB_WRITTEN: return "written";
  case AR_JOB_SKIPPED: return "skipped";
  case AR_JOB_FAILED: return "failed";
  case AR_JOB_CANCELLED: return "cancelled";
  default: return "pending";
  }
}

int ar_jobs_add_brief(ar_job **jobs, size_t *n, size_t *cap, int kind, const char *subject,
                      const void *node, const char *stem, const char *out_dir,
                      const ar_job_format *formats, size_t nformats) {
  for (size_t f = 0; f < nformats; f++) {
    const ar_job_format *fmt = &formats[f];
    if (*n == *cap) {
      size_t grown_cap = *cap ? 2 * *cap : 64;
      ar_job *grown = realloc(*jobs, grown_cap * sizeof *grown);
      if (!grown)
        return -1;
      *jobs = grown;
      *cap = grown_cap;
    }
    ar_job *j = &(*jobs)[*n];
    *j = (ar_job){.index = *n, .kind = kind, .subject = subject, .node = node,
                  .format = fmt->loaded, .format_name = fmt->name, .status = AR_JOB_PENDING};
    if (asprintf(&j->name, "%s.%s", stem, fmt->extension ? fmt->extension : fmt->name) < 0) {
      j->name = NULL;
      return -1;
    }
    if (fmt->extension && asprintf(&j->path, "%s/%s", out_dir, j->name) < 0) {
      j->path = NULL;
      free(j->name);
      return -1;
    }
    if (!fmt->extension) {
      j->status = AR_JOB_FAILED;
      j->error = strdup(fmt->why ? fmt->why : "the plugin could not be loaded");
    }
    (*n)++;
  }
  return 0;
}

/* Tells whether s starts with a digit: strtoul() would skip spaces and
 * take a sign. */
static int digit_first(const char *s) { return *s >= '0' && *s <= '9'; }

int ar_shard_parse(const char *text, size_t *k, size_t *n) {
  char *end;
  if (!digit_first(text))
    return -1;
  unsigned long a = strtoul(text, &end, 10);
  if (*end != '/' || !digit_first(end + 1))
    return -1;
  const char *second = end + 1;
  unsigned long b = strtoul(second, &end, 10);
  if (*end || a < 1 || b < 1 || a > b || b > 100000)
    return -1;
  *k = a;
  *n = b;
  return 0;
}

size_t ar_jobs_shard(ar_job *jobs, size_t n, size_t k, size_t of) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (jobs[i].index % of == k - 1)
      jobs[kept++] = jobs[i];
    else
      ar_jobs_clear(&jobs[i], 1);
  }
  return kept;
}

/* The modification time of path, or zero when it cannot be read. */
static struct timespec mtime(const char *path) {
  struct stat st;
  struct timespec zero = {0, 0};
  return path && stat(path, &st) == 0 ? st.st_mtim : zero;
}

static struct timespec later(struct timespec a, struct timespec b) {
  return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec) ? a : b;
}

/* Files a template folder holds past this many are not looked at: the
 * folder's own time still changes when one is added or removed. */
#define MAX_TEMPLATE_FILES 10000

/* The newest time of the folder dir and of the files in it (every one a
 * template may include, import or read). */
static struct timespec folder_time(const char *dir) {
  struct timespec newest = mtime(dir);
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d)
    return newest;
  struct dirent *e;
  for (int i = 0; i < MAX_TEMPLATE_FILES && (e = readdir(d)); i++) {
    struct stat st;
    if (e->d_name[0] != '.' && fstatat(dirfd(d), e->d_name, &st, 0) == 0 &&
        S_ISREG(st.st_mode))
      newest = later(newest, st.st_mtim);
  }
  closedir(d);
  return newest;
}

struct timespec *ar_jobs_source_times(const char *data_path, const ar_templates *t,
                                      const ar_formats *formats) {
  size_t n = ar_formats_count(formats);
  struct timespec *times = calloc(n ? n : 1, sizeof *times);
  if (!times)
    return NULL;
  struct timespec base = later(mtime(data_path), folder_time(ar_templates_dir(t)));
  for (size_t f = 0; f < n; f++) {
    const char *origin = ar_formats_plugin(formats, f)->origin;
    struct timespec plugin = mtime(strcmp(origin, "preloaded") != 0 ? origin : "/proc/self/exe");
    times[f] = plugin.tv_sec ? later(base, plugin) : plugin;
  }
  return times;
}

/* Tells whether the regular file at path (not a link to one) is newer
 * than src, with its SHA-256 and size into job. */
static int up_to_date(ar_job *j, struct timespec src) {
  int fd = open(j->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return 0; /* missing, or a symbolic link: written again, as a file */
  struct stat st;
  int newer = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (newer) {
    struct timespec newest = later(st.st_mtim, src);
    newer = newest.tv_sec != src.tv_sec || newest.tv_nsec != src.tv_nsec;
  }
  int ok = newer && ar_sha256_fd(fd, j->sha256, &j->bytes) == 0;
  close(fd);
  return ok;
}

void ar_jobs_skip_up_to_date(ar_job *jobs, size_t n, const struct timespec *sources) {
  for (size_t i = 0; i < n; i++) {
    ar_job *j = &jobs[i];
    struct timespec src = sources[j->format];
    if (j->status != AR_JOB_PENDING || !j->path || (src.tv_sec == 0 && src.tv_nsec == 0))
      continue; /* a source whose time is unknown: never up to date */
    if (up_to_date(j, src))
      j->status = AR_JOB_SKIPPED;
  }
}
