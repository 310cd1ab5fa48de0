/* Where the installed data files (schema, bundled dataset) are found. */
#ifndef AR_DATADIR_H
#define AR_DATADIR_H

/* The data folder: $ALLIANCE_REPORT_DATADIR when set, else the installed
 * $(pkgdatadir) when it holds the schema, else, for a program run from
 * its build tree, the source tree's data/ folder, so that an uninstalled
 * build works. The string is static. */
const char *ar_datadir(void);

/* Tells whether this program is run from the tree it was built in (not
 * installed): only then may it fall back on that tree's plugins, data and
 * templates, which an installed program must never trust (the tree may
 * be gone, and its path taken by someone else). */
int ar_in_build_tree(void);

/* The path of name inside the data folder; the caller frees it. */
char *ar_datadir_file(const char *name);

/* The bundled dataset, used when no data file is named. */
#define AR_DEFAULT_DATASET "global-alliance-2014.xml"
#define AR_SCHEMA_FILE "alliance.rng"

#endif
