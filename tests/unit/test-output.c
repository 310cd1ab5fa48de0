#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch/batch.h"
#include "batch/output.h"

/* A fresh folder; the caller removes it with rm_dir(). */
static char *make_dir(void) {
  char *dir = strdup("/tmp/ar-output-XXXXXX");
  assert_non_null(mkdtemp(dir));
  return dir;
}

static void rm_dir(char *dir) {
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));) {
    char *p = NULL;
    if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
      if (asprintf(&p, "%s/%s", dir, e->d_name) > 0)
        unlink(p);
    free(p);
  }
  if (d)
    closedir(d);
  rmdir(dir);
  free(dir);
}

static size_t entries(const char *dir) {
  size_t n = 0;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));)
    n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  if (d)
    closedir(d);
  return n;
}

static void test_names(void **unused) {
  assert_true(ar_output_name_ok("summary.pdf"));
  assert_true(ar_output_name_ok("member-fx-00001.html"));
  const char *bad[] = {"", "../summary.pdf", "a/b.pdf", "/etc/passwd", ".hidden", "..",
                       "tab\there", "del\x7f"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_false(ar_output_name_ok(bad[i]));
  char longname[300];
  memset(longname, 'a', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  assert_false(ar_output_name_ok(longname));
  ar_diag *d = ar_diag_new(0);
  assert_null(ar_output_begin("/tmp", "../escape.txt", d));
  assert_int_equal(ar_diag_errors(d), 1);
  ar_diag_free(d);
}

static void test_commit_checks_and_sums(void **unused) {
  char *dir = make_dir();
  ar_diag *d = ar_diag_new(0);
  ar_output *out = ar_output_begin(dir, "a.txt", d);
  assert_non_null(out);
  assert_int_equal(write(ar_output_fd(out), "abc", 3), 3);
  ar_output_info info;
  assert_int_equal(ar_output_commit(out, 3, &info, d), 0);
  assert_int_equal(info.bytes, 3);
  assert_string_equal(info.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  /* A writer that says it wrote more than the file holds: refused, and
   * the earlier file stays. */
  out = ar_output_begin(dir, "a.txt", d);
  assert_int_equal(write(ar_output_fd(out), "xy", 2), 2);
  assert_int_equal(ar_output_commit(out, 5, NULL, d), -1);
  assert_int_equal(ar_diag_errors(d), 1);
  char *path = NULL;
  assert_true(asprintf(&path, "%s/a.txt", dir) > 0);
  char hex[AR_SHA256_HEX];
  uint64_t bytes;
  assert_int_equal(ar_sha256_file(path, hex, &bytes), 0);
  assert_int_equal(bytes, 3);
  assert_int_equal(entries(dir), 1);
  free(path);
  ar_diag_free(d);
  rm_dir(dir);
}

static void test_temps_of_dead_writers(void **unused) {
  char *dir = make_dir();
  ar_diag *d = ar_diag_new(0);
  /* A writer killed before it commits leaves its temporary file. */
  pid_t pid = fork();
  if (pid == 0) {
    if (!ar_output_begin(dir, "b.txt", d))
      _exit(1);
    raise(SIGKILL);
  }
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFSIGNALED(status));
  /* One of this process, still writing. */
  ar_output *mine = ar_output_begin(dir, "b.txt", d);
  assert_non_null(mine);
  assert_int_equal(entries(dir), 2);
  assert_int_equal(ar_output_remove_temps(dir, NULL, 0), 1);
  assert_int_equal(entries(dir), 1);
  assert_int_equal(ar_output_remove_temps(dir, "b.txt", getpid()), 1);
  assert_int_equal(entries(dir), 0);
  ar_output_abort(mine);
  ar_diag_free(d);
  rm_dir(dir);
}

static void test_make_dir(void **unused) {
  char *dir = make_dir();
  char *deep = NULL, *file = NULL, *below = NULL;
  assert_true(asprintf(&deep, "%s/a/b/c", dir) > 0);
  assert_int_equal(ar_output_make_dir(deep), 0);
  struct stat st;
  assert_int_equal(stat(deep, &st), 0);
  assert_true(S_ISDIR(st.st_mode));
  assert_int_equal(ar_output_make_dir(deep), 0); /* already there */
  /* A file where the folder should be. */
  assert_true(asprintf(&file, "%s/a/f", dir) > 0);
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(ar_output_make_dir(file), -1);
  assert_int_equal(errno, ENOTDIR);
  assert_true(asprintf(&below, "%s/below", file) > 0);
  assert_int_equal(ar_output_make_dir(below), -1);
  assert_int_equal(ar_output_make_dir(""), -1);
  unlink(file);
  for (int i = 0; i < 3; i++) {
    assert_int_equal(rmdir(deep), 0);
    *strrchr(deep, '/') = '\0';
  }
  free(deep);
  free(file);
  free(below);
  rm_dir(dir);
}

/* touch DIR/NAME. */
static void touch(const char *dir, const char *name) {
  char *path = NULL;
  assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fclose(f);
  free(path);
}

static int exists(const char *dir, const char *name) {
  char *path = NULL;
  assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
  int there = access(path, F_OK) == 0;
  free(path);
  return there;
}

/* A PID a temporary file's name carries means something only on the
 * machine and in the PID namespace that wrote it: files of another host
 * tag are never removed, whatever their PID. */
static void test_temps_of_other_hosts(void **unused) {
  const char *tag = ar_output_host_tag();
  assert_int_equal(strlen(tag), 12);
  assert_int_equal(strspn(tag, "0123456789abcdef"), 12);
  assert_ptr_equal(ar_output_host_tag(), tag);
  char *dir = make_dir();
  /* A PID that runs nowhere here: a child that has been reaped. */
  pid_t dead = fork();
  if (dead == 0)
    _exit(0);
  assert_int_equal(waitpid(dead, NULL, 0), dead);
  char *mine = NULL, *theirs = NULL, *odd = NULL;
  assert_true(asprintf(&mine, ".summary.txt.ar-%s-%ld-Ab12Cd", tag, (long)dead) > 0);
  assert_true(asprintf(&theirs, ".summary.txt.ar-0123456789ab-%ld-Ab12Cd", (long)dead) > 0);
  /* A NAME that itself looks like a temporary file's. */
  assert_true(asprintf(&odd, ".x.ar-%s-1-aaaaaa.ar-%s-%ld-Zz09Yy", tag, tag, (long)dead) > 0);
  touch(dir, mine);
  touch(dir, theirs);
  touch(dir, odd);
  touch(dir, ".summary.txt.ar-short-1-Ab12Cd");
  touch(dir, "summary.txt");
  assert_int_equal(ar_output_remove_temps(dir, "other.txt", dead), 0);
  assert_int_equal(ar_output_remove_temps(dir, "summary.txt", dead), 1);
  assert_false(exists(dir, mine));
  assert_int_equal(ar_output_remove_temps(dir, NULL, 0), 1);
  assert_false(exists(dir, odd));
  assert_true(exists(dir, theirs));
  assert_true(exists(dir, ".summary.txt.ar-short-1-Ab12Cd"));
  assert_true(exists(dir, "summary.txt"));
  assert_int_equal(ar_output_remove_temps(NULL, NULL, 0), 0);
  free(mine);
  free(theirs);
  free(odd);
  rm_dir(dir);
}

/* A path the user names may be any file name, in the folder it names. */
static void test_begin_path(void **unused) {
  char *dir = make_dir();
  ar_diag *d = ar_diag_new(0);
  char *path = NULL;
  assert_true(asprintf(&path, "%s/.hidden manifest", dir) > 0);
  ar_output *out = ar_output_begin_path(path, d);
  assert_non_null(out);
  assert_string_equal(ar_output_path(out), path);
  assert_int_equal(write(ar_output_fd(out), "{}\n", 3), 3);
  assert_int_equal(ar_output_commit(out, 3, NULL, d), 0);
  assert_true(exists(dir, ".hidden manifest"));
  assert_int_equal(entries(dir), 1);
  free(path);
  const char *folders[] = {"", "/", "a/", ".", "..", "x/.."};
  for (size_t i = 0; i < sizeof folders / sizeof *folders; i++)
    assert_null(ar_output_begin_path(folders[i], d));
  assert_int_equal(ar_diag_errors(d), 6);
  ar_diag_free(d);
  rm_dir(dir);
}

/* The text of dir/name into buf (size > 0); "" when it cannot be read. */
static const char *slurp(const char *dir, const char *name, char *buf, size_t size) {
  char *path = NULL;
  assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
  buf[0] = '\0';
  FILE *f = fopen(path, "re");
  if (f) {
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
  }
  free(path);
  return buf;
}

/* The only temporary file in dir (malloc'd), or NULL. */
static char *only_temp(const char *dir) {
  char *found = NULL;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));)
    if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      assert_null(found);
      found = strdup(e->d_name);
    }
  if (d)
    closedir(d);
  return found;
}

/* A worker leaves its checked file to the batch, which syncs it and puts
 * it in place; what is wrong with it keeps it out of place. */
static void test_handoff(void **unused) {
  char *dir = make_dir();
  ar_diag *d = ar_diag_new(0);
  char buf[64];
  ar_output_set_commit_mode(AR_COMMIT_HANDOFF);
  ar_output *out = ar_output_begin(dir, "c.txt", d);
  assert_non_null(out);
  assert_int_equal(write(ar_output_fd(out), "abc", 3), 3);
  ar_output_info info;
  assert_int_equal(ar_output_commit(out, 3, &info, d), 0);
  assert_int_equal(info.bytes, 3);
  assert_string_equal(info.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_false(exists(dir, "c.txt"));
  char *tmp = ar_output_take_handed();
  assert_non_null(tmp);
  assert_null(ar_output_take_handed());
  char *seen = only_temp(dir);
  assert_string_equal(seen, tmp);
  free(seen);
  assert_int_equal(ar_output_finish(dir, tmp, "c.txt", 3, d), 0);
  assert_string_equal(slurp(dir, "c.txt", buf, sizeof buf), "abc");
  assert_int_equal(entries(dir), 1);
  free(tmp);

  /* Fewer bytes than the worker said: removed, the earlier file stays. */
  out = ar_output_begin(dir, "c.txt", d);
  assert_int_equal(write(ar_output_fd(out), "xy", 2), 2);
  assert_int_equal(ar_output_commit(out, 2, NULL, d), 0);
  tmp = ar_output_take_handed();
  assert_int_equal(ar_output_finish(dir, tmp, "c.txt", 5, d), -1);
  assert_int_equal(ar_diag_errors(d), 1);
  assert_string_equal(slurp(dir, "c.txt", buf, sizeof buf), "abc");
  assert_int_equal(entries(dir), 1);
  /* Gone meanwhile. */
  assert_int_equal(ar_output_finish(dir, tmp, "c.txt", 2, d), -1);
  assert_int_equal(ar_diag_errors(d), 2);
  free(tmp);

  /* Only a temporary file of that name, of this process. */
  touch(dir, "other.txt");
  const char *bad[] = {"other.txt", "../c.txt", "c.txt"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(ar_output_finish(dir, bad[i], "c.txt", 0, d), -1);
  assert_int_equal(ar_diag_errors(d), 5);
  assert_true(exists(dir, "other.txt"));
  assert_string_equal(slurp(dir, "c.txt", buf, sizeof buf), "abc");

  /* A second file while the first is not taken is committed at once. */
  out = ar_output_begin(dir, "d.txt", d);
  assert_int_equal(write(ar_output_fd(out), "d", 1), 1);
  assert_int_equal(ar_output_commit(out, 1, NULL, d), 0);
  out = ar_output_begin(dir, "e.txt", d);
  assert_int_equal(write(ar_output_fd(out), "e", 1), 1);
  assert_int_equal(ar_output_commit(out, 1, NULL, d), 0);
  assert_true(exists(dir, "e.txt"));
  assert_false(exists(dir, "d.txt"));
  tmp = ar_output_take_handed();
  assert_non_null(tmp);
  assert_int_equal(strncmp(tmp, ".d.txt.ar-", 10), 0);
  assert_int_equal(ar_output_finish(dir, tmp, "d.txt", 1, d), 0);
  assert_int_equal(ar_output_sync_dir(dir), 0);
  assert_string_equal(slurp(dir, "d.txt", buf, sizeof buf), "d");
  free(tmp);
  ar_output_set_commit_mode(AR_COMMIT_DURABLE);
  ar_diag_free(d);
  rm_dir(dir);
}

static void test_no_sync(void **unused) {
  char *dir = make_dir();
  ar_diag *d = ar_diag_new(0);
  char buf[64];
  ar_output_set_commit_mode(AR_COMMIT_NO_SYNC);
  ar_output *out = ar_output_begin(dir, "f.txt", d);
  assert_int_equal(write(ar_output_fd(out), "fff", 3), 3);
  assert_int_equal(ar_output_commit(out, 3, NULL, d), 0);
  assert_null(ar_output_take_handed());
  assert_string_equal(slurp(dir, "f.txt", buf, sizeof buf), "fff");
  assert_int_equal(entries(dir), 1);
  ar_output_set_commit_mode(AR_COMMIT_DURABLE);
  assert_int_equal(ar_output_sync_fs(dir), 0);
  char *missing = NULL;
  assert_true(asprintf(&missing, "%s/missing", dir) > 0);
  assert_int_equal(ar_output_sync_fs(missing), -1);
  assert_int_equal(ar_output_sync_dir(missing), -1);
  free(missing);
  ar_diag_free(d);
  rm_dir(dir);
}

/* Temporary files carry the PID of their owner, the batch for a worker. */
static void test_owner(void **unused) {
  char *dir = make_dir();
  pid_t dead = fork();
  if (dead == 0)
    _exit(0);
  assert_int_equal(waitpid(dead, NULL, 0), dead);
  ar_diag *d = ar_diag_new(0);
  ar_output_set_owner(dead);
  ar_output *out = ar_output_begin(dir, "g.txt", d);
  ar_output_set_owner(0);
  assert_non_null(out);
  char *tmp = only_temp(dir), *want = NULL;
  assert_true(asprintf(&want, ".g.txt.ar-%s-%ld-", ar_output_host_tag(), (long)dead) > 0);
  assert_int_equal(strncmp(tmp, want, strlen(want)), 0);
  /* Its owner has ended: stale. */
  assert_int_equal(ar_output_remove_temps(dir, NULL, 0), 1);
  assert_int_equal(entries(dir), 0);
  ar_output_abort(out);
  free(tmp);
  free(want);
  ar_diag_free(d);
  rm_dir(dir);
}

/* ---- a batch and its committer ------------------------------------------------------ */

typedef struct {
  const char *dir;
  size_t reported, misplaced; /* jobs reported written whose file was not in place */
} batch_ctx;

/* Job 3 fails, job 5 says it wrote more than it did, job 7 ends its worker
 * (after the worker's earlier files were handed over); the others write
 * "job N". */
static int write_job(void *ctx, const ar_job *job, ar_output_info *info, ar_diag *diag) {
  const batch_ctx *c = ctx;
  if (job->index == 3) {
    ar_diag_add(diag, AR_ERROR, job->name, 0, 0, "told to fail");
    return -1;
  }
  if (job->index == 7)
    _exit(3);
  ar_output *out = ar_output_begin(c->dir, job->name, diag);
  if (!out)
    return -1;
  char text[64];
  int len = snprintf(text, sizeof text, "job %zu\n", job->index);
  if (write(ar_output_fd(out), text, (size_t)len) != len) {
    ar_output_abort(out);
    return -1;
  }
  return ar_output_commit(out, (uint64_t)len + (job->index == 5), info, diag);
}

static void job_ended(void *ctx, const ar_job *job) {
  batch_ctx *c = ctx;
  if (job->status != AR_JOB_WRITTEN)
    return;
  c->reported++;
  char hex[AR_SHA256_HEX];
  uint64_t bytes;
  if (ar_sha256_file(job->path, hex, &bytes) != 0 || bytes != job->bytes ||
      strcmp(hex, job->sha256) != 0)
    c->misplaced++;
}

static void run_batch(ar_sync_mode sync, unsigned workers) {
  char *dir = make_dir();
  batch_ctx c = {.dir = dir};
  enum { N = 40 };
  ar_job jobs[N];
  for (size_t i = 0; i < N; i++) {
    jobs[i] = (ar_job){.index = i, .status = AR_JOB_PENDING};
    assert_true(asprintf(&jobs[i].name, "f%02zu.txt", i) > 0);
    assert_true(asprintf(&jobs[i].path, "%s/%s", dir, jobs[i].name) > 0);
  }
  ar_batch b = {.workers = workers, .timeout = 60, .out_dir = dir, .sync = sync,
                .run = write_job, .finished = job_ended, .ctx = &c};
  assert_int_equal(ar_batch_run(&b, jobs, N), 0);
  char buf[64], want[64];
  for (size_t i = 0; i < N; i++) {
    if (i == 3 || i == 5 || i == 7) {
      assert_int_equal(jobs[i].status, AR_JOB_FAILED);
      assert_false(exists(dir, jobs[i].name));
      continue;
    }
    assert_int_equal(jobs[i].status, AR_JOB_WRITTEN);
    snprintf(want, sizeof want, "job %zu\n", i);
    assert_string_equal(slurp(dir, jobs[i].name, buf, sizeof buf), want);
    assert_int_equal(jobs[i].bytes, strlen(want));
  }
  assert_non_null(strstr(jobs[3].error, "told to fail"));
  assert_non_null(strstr(jobs[5].error, "holds 6 bytes where 7 were written"));
  assert_non_null(strstr(jobs[7].error, "exited with status 3"));
  assert_int_equal(c.reported, N - 3);
  assert_int_equal(c.misplaced, 0);
  assert_int_equal(entries(dir), N - 3); /* no temporary file */
  ar_jobs_clear(jobs, N);
  rm_dir(dir);
}

static void test_batch_sync_file(void **unused) {
  run_batch(AR_SYNC_FILE, 1);
  run_batch(AR_SYNC_FILE, 3);
}

static void test_batch_sync_batch(void **unused) {
  run_batch(AR_SYNC_BATCH, 2);
  run_batch(AR_SYNC_BY_JOB, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_commit_checks_and_sums),
      cmocka_unit_test(test_temps_of_dead_writers),
      cmocka_unit_test(test_make_dir),
      cmocka_unit_test(test_temps_of_other_hosts),
      cmocka_unit_test(test_begin_path),
      cmocka_unit_test(test_handoff),
      cmocka_unit_test(test_no_sync),
      cmocka_unit_test(test_owner),
      cmocka_unit_test(test_batch_sync_file),
      cmocka_unit_test(test_batch_sync_batch),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
