#include "config.h"

#include "checksum.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <unistd.h>

static void to_hex(struct sha256_ctx *ctx, char hex[AR_SHA256_HEX]) {
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(ctx, sizeof digest, digest);
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < sizeof digest; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

void ar_sha256_bytes(const void *data, size_t len, char hex[AR_SHA256_HEX]) {
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  to_hex(&ctx, hex);
}

int ar_sha256_fd(int fd, char hex[AR_SHA256_HEX], uint64_t *bytes) {
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  uint8_t buf[65536];
  uint64_t total = 0;
  for (;;) {
    ssize_t n = pread(fd, buf, sizeof buf, (off_t)total);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    sha256_update(&ctx, (size_t)n, buf);
    total += (uint64_t)n;
  }
  to_hex(&ctx, hex);
  *bytes = total;
  return 0;
}

int ar_sha256_file(const char *path, char hex[AR_SHA256_HEX], uint64_t *bytes) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  int rc = ar_sha256_fd(fd, hex, bytes);
  int saved = errno;
  close(fd);
  errno = saved;
  return rc;
}
