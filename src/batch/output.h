/* Writing an output file safely: into a temporary file in the same folder,
 * then, when every byte is written and synced, renamed into place. On any
 * failure the temporary file is removed and an earlier file of that name
 * is left as it was.
 *
 * A batch's workers may leave the sync and the rename to the batch
 * (AR_COMMIT_HANDOFF), which does them in a thread of its own while the
 * workers go on rendering; or skip the syncs (AR_COMMIT_NO_SYNC) when the
 * batch syncs the whole file system at its end. */
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

/* Starts writing dir/name (a name ar_output_name_ok() accepts), into
 * ".NAME.ar-HOST-PID-XXXXXX" in dir: HOST is ar_output_host_tag(), PID
 * the owner of this process's files (ar_output_set_owner()). Returns NULL
 * with the reason in diag. */
ar_output *ar_output_begin(const char *dir, const char *name, ar_diag *diag);
/* The same for a path the user named (render -o, --manifest): any file
 * name in the folder the path names, split as ar_output_split() does.
 * First removes that name's temporary files left by writers of this host
 * that no longer run (killed with SIGKILL), as a batch does in its folder. */
ar_output *ar_output_begin_path(const char *path, ar_diag *diag);
/* Splits path into its folder (*dir, malloc'd: "." when path has no '/')
 * and its file name (*name, within path). Returns 0, or -1 when the name
 * is "", "." or ".." (path names a folder) or out of memory; *dir is then
 * NULL. */
int ar_output_split(const char *path, char **dir, const char **name);
/* The temporary file's descriptor, to write to. */
int ar_output_fd(const ar_output *out);
/* The final path (dir/name). */
const char *ar_output_path(const ar_output *out);
/* Syncs, checks that the file holds the bytes written (written: how many
 * the writer wrote), reads it back for its size and SHA-256 (into info, if
 * not NULL), sets the mode (0666 less the umask), renames into place and
 * syncs the folder. Returns 0, or -1 with the reason in diag (the
 * temporary file is then removed). Frees out either way.
 *
 * That is with AR_COMMIT_DURABLE, the default. With AR_COMMIT_NO_SYNC it
 * neither syncs the file nor the folder. With AR_COMMIT_HANDOFF it starts
 * the file's write-back instead of waiting for it, checks it, reads it
 * back and sets its mode, but leaves the temporary file where it is, for
 * ar_output_take_handed() (a second file committed before the first is
 * taken is committed as with AR_COMMIT_DURABLE). */
int ar_output_commit(ar_output *out, uint64_t written, ar_output_info *info, ar_diag *diag);
/* Removes the temporary file and frees out. */
void ar_output_abort(ar_output *out);

/* How ar_output_commit() ends in this process. */
typedef enum {
  AR_COMMIT_DURABLE, /* sync, rename, sync the folder (the default) */
  AR_COMMIT_HANDOFF, /* leave the synced rename to ar_output_finish() */
  AR_COMMIT_NO_SYNC, /* rename without syncing: ar_output_sync_fs() later */
} ar_commit_mode;
void ar_output_set_commit_mode(ar_commit_mode mode);

/* The PID the names of the temporary files this process begins from now
 * on carry: pid, or when pid is 0 (the default) this process's own. A
 * batch's workers write their files in the batch's name: the batch
 * commits them, or removes them when a worker dies, and another batch
 * takes them for stale only when the batch that wrote them has ended. */
void ar_output_set_owner(pid_t pid);

/* The name (in its folder) of the temporary file ar_output_commit() left
 * last with AR_COMMIT_HANDOFF, malloc'd for the caller, who must see to
 * it; NULL when there is none. */
char *ar_output_take_handed(void);

/* Puts into place a file another process left with AR_COMMIT_HANDOFF:
 * tmp, the name in dir of a temporary file of dir/name that carries this
 * process's PID, which must hold bytes bytes. Syncs it and renames it to
 * dir/name; does not sync the folder, so that a group of files needs one
 * ar_output_sync_dir(). Returns 0, or -1 with the reason in diag (the
 * temporary file is then removed, if tmp names one). Safe to call from a
 * thread of its own, with a diag of its own. */
int ar_output_finish(const char *dir, const char *tmp, const char *name, uint64_t bytes,
                     ar_diag *diag);

/* Syncs the folder dir, which makes the renames done in it durable.
 * Returns 0, or -1 with errno set. */
int ar_output_sync_dir(const char *dir);

/* Writes back every file of the file system that holds dir, and waits for
 * it (syncfs()). Returns 0, or -1 with errno set, also when writing back a
 * file of that file system failed (Linux 5.8 and later tell). */
int ar_output_sync_fs(const char *dir);

/* Twelve hex digits naming this machine's running system and this
 * process's PID namespace (a hash of the boot id, the host name and the
 * namespace): a PID in a temporary file's name means something only to
 * processes with the same tag. Static storage; computed once. */
const char *ar_output_host_tag(void);

/* Removes the temporary files of dir/name (of any name in dir when name
 * is NULL; nothing when dir is NULL) that carry this process's host tag
 * and were left by process pid, or, when pid is 0, by any process that no
 * longer runs (a writer killed before it could clean up). Files of other
 * machines or PID namespaces, which may be writing into a shared folder,
 * are left alone. Returns how many were removed. */
int ar_output_remove_temps(const char *dir, const char *name, pid_t pid);

#endif
