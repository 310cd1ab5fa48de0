/* build-job.h: what a worker of 'build' does with one job: it makes the
 * job's brief with its template, then writes it with the job's format
 * through a temporary file renamed into place. */
#ifndef AR_BUILD_JOB_H
#define AR_BUILD_JOB_H

#include <libxml/tree.h>

#include "batch/batch.h"
#include "brief/member-view.h"
#include "brief/templates.h"
#include "host/formats.h"

/* What every job of a build is made from; all of it is the build's. */
typedef struct {
  ar_templates *templates;
  ar_formats *formats;     /* the loaded ones; ar_job.format indexes them */
  xmlDocPtr data;
  ar_member_view *view;    /* what member briefs are made from */
  const char *out_dir;
  const char *since;       /* --since, or NULL */
  const char *marking;     /* --marking, or NULL */
  char median[32];         /* the median number of actions, "" when unknown */
  char member_count[32];
  char actions_total[32];  /* the actions of all listed members */
} ar_build_inputs;

/* Runs job (an ar_batch's run, in a worker; inputs is an ar_build_inputs).
 * The worker keeps the brief it made last for the job that follows if
 * that is the same brief in another format. Returns 0 with info filled
 * in, or -1 with the reasons in diag. */
int ar_build_run_job(void *inputs, const ar_job *job, ar_output_info *info, ar_diag *diag);

#endif
