/* Writing an output file safely: into a temporary file in the same folder,
 * then, when every byte is written and synced, renamed into place. On any
 * failure the temporary file is removed and an earlier file of that name
 * is left as it was. */
#ifndef AR_OUTPUT_H
#define AR_OUTPUT_H

#include <stdint.h>
#include <sys/types.h>

#include "checksum.h"
#include "diag.h"

typedef struct ar_output ar_output;

/* What was written. */
typedef struct {
  uint64_t bytes;
  char sha256[AR_SHA256_HEX];
} ar_output_info;

/* Tells whether name may be used as an output file name: not empty, no
 * '/', not starting with '.', no control characters, at most 200 bytes. */
int ar_output_name_ok(const char *name);

/* Creates the folder dir and any missing parents (mode 0777 less the
 * umask). Returns 0 when it is there, or -1 with errno set (ENOTDIR when
 * dir is something else). */
int ar_output_make_dir(const char *dir);

/* Starts writing dir/name, into ".NAME.arPID-XXXXXX" in dir (PID: this
 * process). Returns NULL with the reason in diag. */
ar_output *ar_output_begin(const char *dir, const char *name, ar_diag *diag);
/* The temporary file's descriptor, to write to. */
int ar_output_fd(const ar_output *out);
/* The final path (dir/name). */
const char *ar_output_path(const ar_output *out);
/* Syncs, checks that the file holds the bytes written (written: how many
 * the writer wrote), reads it back for its size and SHA-256 (into info, if
 * not NULL), sets the mode (0666 less the umask), renames into place and
 * syncs the folder. Returns 0, or -1 with the reason in diag (the
 * temporary file is then removed). Frees out either way. */
int ar_output_commit(ar_output *out, uint64_t written, ar_output_info *info, ar_diag *diag);
/* Removes the temporary file and frees out. */
void ar_output_abort(ar_output *out);

/* Removes the temporary files of dir/name (of any name in dir when name
 * is NULL) left by process pid, or, when pid is 0, by any process that no
 * longer runs (a writer killed before it could clean up). Returns how many
 * were removed. */
int ar_output_remove_temps(const char *dir, const char *name, pid_t pid);

#endif
