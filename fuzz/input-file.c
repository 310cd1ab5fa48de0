#include "config.h"

#include "input-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd-io.h"

static char folder[4096], path[4096 + 16];

static void remove_folder(void) {
  unlink(path);
  rmdir(folder);
}

static void die(const char *what) {
  fprintf(stderr, "fuzz: cannot %s %s: %s\n", what, path[0] ? path : folder, strerror(errno));
  abort();
}

const char *fuzz_input_file(const uint8_t *data, size_t size) {
  if (!folder[0]) {
    const char *tmp = getenv("TMPDIR");
    snprintf(folder, sizeof folder, "%s/ar-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(folder))
      die("make the folder");
    snprintf(path, sizeof path, "%s/input.xml", folder);
    atexit(remove_folder);
  }
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ar_write_all(fd, data, size) != 0 || close(fd) != 0)
    die("write");
  return path;
}
