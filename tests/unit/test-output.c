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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_commit_checks_and_sums),
      cmocka_unit_test(test_temps_of_dead_writers),
      cmocka_unit_test(test_make_dir),
      cmocka_unit_test(test_temps_of_other_hosts),
      cmocka_unit_test(test_begin_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
