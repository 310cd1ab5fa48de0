#include "config.h"

#include "build-job.h"

#include <stdio.h>
#include <string.h>

#include "brief/brief-read.h"

/* The brief this worker made last, kept for the next job of the same
 * brief in another format (the batch gives a worker such jobs in a row). */
static struct {
  int kind;
  const char *subject;
  ar_node *doc;
} last_brief;

/* Runs the template of a job's brief. Returns the brief, or NULL with the
 * reasons in diag. */
static ar_node *make_brief(const ar_build_inputs *in, const ar_job *job, ar_diag *diag) {
  const char *params[16];
  size_t np = 0;
  params[np++] = "generator";
  params[np++] = PACKAGE_NAME " " PACKAGE_VERSION;
  if (in->marking) {
    params[np++] = "marking";
    params[np++] = in->marking;
  }
  if (job->kind == AR_BRIEF_SUMMARY && in->since) {
    params[np++] = "since";
    params[np++] = in->since;
  }
  if (job->kind == AR_BRIEF_MEMBER) {
    if (in->median[0]) {
      params[np++] = "median-actions";
      params[np++] = in->median;
    }
    params[np++] = "member-count";
    params[np++] = in->member_count;
    params[np++] = "actions-recorded";
    params[np++] = in->actions_total;
    params[np++] = "code";
    params[np++] = job->subject;
  } else if (job->kind == AR_BRIEF_TARGET) {
    params[np++] = "target";
    params[np++] = job->subject;
  }
  params[np] = NULL;

  xmlDocPtr input = in->data;
  if (job->kind == AR_BRIEF_MEMBER)
    input = in->view ? ar_member_view_show(in->view, job->node) : NULL;
  if (!input) {
    ar_diag_add(diag, AR_ERROR, job->name, 0, 0, "out of memory");
    return NULL;
  }
  char stem[256];
  snprintf(stem, sizeof stem, "%.*s", (int)(strrchr(job->name, '.') - job->name), job->name);
  xmlDocPtr xml = ar_templates_run(in->templates, job->kind, input, params, diag);
  ar_node *doc = xml ? ar_brief_read(xml, stem, diag) : NULL;
  xmlFreeDoc(xml);
  /* Which brief it is, for plugins (ar_document_kind, ar_document_subject). */
  if (doc && (!ar_document_set(doc, "kind", ar_brief_kind_name(job->kind)) ||
              (job->subject && !ar_document_set(doc, "subject", job->subject)))) {
    ar_diag_add(diag, AR_ERROR, job->name, 0, 0, "out of memory");
    ar_node_free(doc);
    doc = NULL;
  }
  return doc;
}

int ar_build_run_job(void *inputs, const ar_job *job, ar_output_info *info, ar_diag *diag) {
  const ar_build_inputs *in = inputs;
  if (!last_brief.doc || last_brief.kind != job->kind || last_brief.subject != job->subject) {
    ar_node_free(last_brief.doc);
    last_brief.doc = make_brief(in, job, diag);
    last_brief.kind = job->kind;
    last_brief.subject = job->subject;
  }
  ar_output *out = last_brief.doc ? ar_output_begin(in->out_dir, job->name, diag) : NULL;
  uint64_t written = 0;
  if (out && ar_formats_render(in->formats, job->format, last_brief.doc, ar_output_fd(out),
                               ar_output_path(out), &written, diag) == 0)
    return ar_output_commit(out, written, info, diag);
  ar_output_abort(out);
  return -1;
}
