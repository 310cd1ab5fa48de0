/* SHA-256 of files, with nettle. */
#ifndef AR_CHECKSUM_H
#define AR_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define AR_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* Reads fd from offset 0 to its end: the SHA-256 in lower-case hex into
 * hex, the number of bytes read into *bytes. Returns 0, or -1 with errno. */
int ar_sha256_fd(int fd, char hex[AR_SHA256_HEX], uint64_t *bytes);

/* The same for the file at path. */
int ar_sha256_file(const char *path, char hex[AR_SHA256_HEX], uint64_t *bytes);

/* The SHA-256 of the len bytes at data, in lower-case hex. */
void ar_sha256_bytes(const void *data, size_t len, char hex[AR_SHA256_HEX]);

#endif
