/* pdf-pack.h: a PDF written with a classic cross-reference table, rewritten
 * with its objects other than streams in compressed object streams and a
 * cross-reference stream (pdf-pack.c). */
#ifndef AR_PDF_PACK_H
#define AR_PDF_PACK_H

#include <stddef.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* Rewrites the len bytes at in, a PDF of version 1.5 or later as libharu
 * writes it. Returns 0 with the new file in *out (malloc'd, the caller
 * frees it) and its size in *out_len, or -1 (out of memory, or a file not
 * laid out as expected), *out then NULL. */
int pdf_pack(const unsigned char *in, size_t len, unsigned char **out, size_t *out_len);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
