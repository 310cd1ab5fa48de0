/* fd-io.h: reading and writing a whole buffer on a file descriptor. Each
 * carries on after EINTR and after a short read or write. Compiled into
 * liballiance-report too (its sinks), but not exported from it. */
#ifndef AR_FD_IO_H
#define AR_FD_IO_H

#include <stddef.h>

/* Writes the len bytes of data to fd. Returns 0, or -1 with errno set
 * (EIO when fd took no bytes). */
int ar_write_all(int fd, const void *data, size_t len);
/* Reads exactly len bytes from fd into data. Returns 0, or -1 on an error
 * (errno set) or when the file ends first (errno 0). */
int ar_read_all(int fd, void *data, size_t len);

#endif
