/* pdf-table.c: tables. Column widths come from the cells' natural widths,
 * shrunk towards their widest unbreakable piece when the table is too
 * wide; cells wrap; numeric columns are right-aligned; header rows are
 * bold on grey and repeated at the top of every page the table spans; a
 * row taller than a page is continued on the next. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pdf.h"

#define CELL_SIZE 9.0f
#define PAD_X 4.0f
#define PAD_Y 3.0f

static const float head_bg[3] = {0.87f, 0.88f, 0.9f};
static const float zebra[3] = {0.96f, 0.965f, 0.975f};
static const float rule_light[3] = {0.8f, 0.8f, 0.82f};
static const float rule_dark[3] = {0.3f, 0.3f, 0.35f};
static const float ink[3] = {0.1f, 0.1f, 0.12f};

typedef struct {
  const ar_node *table;
  size_t ncols, nrows, nhead;
  const ar_node **rows;
  pdf_para *cells; /* nrows * ncols */
  float *w;        /* column widths */
  pdf_lines *lines; /* ncols, scratch */
  HPDF_Dict *cell_tags; /* ncols: the TH or TD elements of the row being drawn */
} table;

/* The TR of row r and its cells' elements (TH with a column scope in
 * header rows, TD in the body), made before the row is drawn: a row split
 * over pages draws into the same cells. */
static int tag_row(pdf_ctx *c, table *t, size_t r) {
  int head = r < t->nhead;
  if (pdf_tag_open(c, PDF_S_TR))
    return -1;
  for (size_t k = 0; k < t->ncols; k++) {
    if (pdf_tag_open(c, head ? PDF_S_TH : PDF_S_TD) || (head && pdf_tag_scope(c, "Column")))
      return -1;
    t->cell_tags[k] = pdf_tag_current(c);
    pdf_tag_close(c);
  }
  pdf_tag_close(c);
  return 0;
}

static float row_height(pdf_ctx *c, table *t, size_t r) {
  float h = 0;
  for (size_t k = 0; k < t->ncols; k++) {
    pdf_para *p = &t->cells[r * t->ncols + k];
    if (pdf_break_lines(c, p, t->w[k] - 2 * PAD_X, &t->lines[k]))
      return -1;
    float lh = pdf_para_line_height(p, CELL_SIZE) * 0.92f;
    float ch = (float)t->lines[k].n * lh;
    if (ch > h)
      h = ch;
  }
  if (h == 0)
    h = CELL_SIZE * PDF_LEADING * 0.92f;
  return h + 2 * PAD_Y;
}

/* Draws row r at c->y (its lines are in t->lines from row_height). */
static void draw_row(pdf_ctx *c, table *t, size_t r, float h, int zebra_row) {
  int head = r < t->nhead;
  float x = c->x0, total = 0;
  for (size_t k = 0; k < t->ncols; k++)
    total += t->w[k];
  if (head)
    pdf_fill_rect(c, x, c->y - h, total, h, head_bg);
  else if (zebra_row)
    pdf_fill_rect(c, x, c->y - h, total, h, zebra);
  tag_row(c, t, r);
  for (size_t k = 0; k < t->ncols; k++) {
    pdf_tag_reopen(c, t->cell_tags[k]);
    pdf_para *p = &t->cells[r * t->ncols + k];
    float lh = pdf_para_line_height(p, CELL_SIZE) * 0.92f;
    ar_align al = ar_table_column_align(t->table, k);
    int align = ar_table_column_is_numeric(t->table, k) || al == AR_ALIGN_RIGHT ? 2
                : al == AR_ALIGN_CENTER                                       ? 1
                                                                              : 0;
    float base = c->y - PAD_Y - CELL_SIZE * 0.98f;
    for (size_t i = 0; i < t->lines[k].n; i++, base -= lh)
      pdf_draw_line(c, p, &t->lines[k].v[i], x + PAD_X, base, t->w[k] - 2 * PAD_X, align, 0);
    pdf_tag_close(c);
    x += t->w[k];
  }
  int last_head = head && r + 1 == t->nhead;
  if (last_head)
    pdf_stroke_line(c, c->x0, c->y - h, c->x0 + total, c->y - h, 0.8f, rule_dark);
  else if (r + 1 < t->nrows)
    pdf_stroke_line(c, c->x0, c->y - h, c->x0 + total, c->y - h, 0.3f, rule_light);
  c->y -= h;
}

static float cell_leading(const table *t, size_t r, size_t k) {
  return pdf_para_line_height(&t->cells[r * t->ncols + k], CELL_SIZE) * 0.92f;
}

/* How many of cell k's lines from next[k] on fit in avail points (one at
 * least when some is left and at_top: a page holds one line). */
static size_t lines_in(const table *t, size_t r, size_t k, const size_t *next, float avail,
                       int at_top) {
  size_t left = t->lines[k].n - next[k];
  float room = (avail - 2 * PAD_Y) / cell_leading(t, r, k);
  size_t fit = room >= 1 ? (size_t)room : 0;
  if (fit == 0 && at_top)
    fit = 1;
  return fit < left ? fit : left;
}

/* Draws what fits in avail points of row r (its lines are in t->lines
 * from row_height): each cell's lines from next[k] on, next[] moving past
 * them. Returns whether the row is done. */
static int draw_row_part(pdf_ctx *c, table *t, size_t r, size_t *next, float avail,
                         int zebra_row, int at_top) {
  float x = c->x0, total = 0, h = 0;
  for (size_t k = 0; k < t->ncols; k++) {
    float hk = (float)lines_in(t, r, k, next, avail, at_top) * cell_leading(t, r, k);
    total += t->w[k];
    h = hk > h ? hk : h;
  }
  if (h == 0)
    return 0;
  h += 2 * PAD_Y;
  if (zebra_row)
    pdf_fill_rect(c, x, c->y - h, total, h, zebra);
  int first = 1;
  for (size_t k = 0; k < t->ncols; k++)
    first &= next[k] == 0;
  if (first)
    tag_row(c, t, r);
  int done = 1;
  for (size_t k = 0; k < t->ncols; k++) {
    pdf_tag_reopen(c, t->cell_tags[k]);
    pdf_para *p = &t->cells[r * t->ncols + k];
    ar_align al = ar_table_column_align(t->table, k);
    int align = ar_table_column_is_numeric(t->table, k) || al == AR_ALIGN_RIGHT ? 2
                : al == AR_ALIGN_CENTER                                       ? 1
                                                                              : 0;
    size_t n = lines_in(t, r, k, next, avail, at_top);
    float base = c->y - PAD_Y - CELL_SIZE * 0.98f, lh = cell_leading(t, r, k);
    for (size_t i = next[k]; i < next[k] + n; i++, base -= lh)
      pdf_draw_line(c, p, &t->lines[k].v[i], x + PAD_X, base, t->w[k] - 2 * PAD_X, align, 0);
    pdf_tag_close(c);
    next[k] += n;
    done &= next[k] == t->lines[k].n;
    x += t->w[k];
  }
  if (done && r + 1 < t->nrows)
    pdf_stroke_line(c, c->x0, c->y - h, c->x0 + total, c->y - h, 0.3f, rule_light);
  c->y -= h;
  return done;
}

/* The header rows: a THead the first time, artifacts when repeated at the
 * top of a later page. */
static int draw_head(pdf_ctx *c, table *t, int repeat) {
  if (repeat)
    pdf_artifact_begin(c);
  else if (t->nhead && pdf_tag_open(c, PDF_S_THEAD))
    return -1;
  int rc = 0;
  float total = 0;
  for (size_t k = 0; k < t->ncols; k++)
    total += t->w[k];
  if (t->nhead)
    pdf_stroke_line(c, c->x0, c->y, c->x0 + total, c->y, 0.8f, rule_dark);
  for (size_t r = 0; r < t->nhead && !rc; r++) {
    float h = row_height(c, t, r);
    if (h < 0)
      rc = -1;
    else
      draw_row(c, t, r, h, 0);
  }
  if (repeat)
    pdf_artifact_end(c);
  else if (t->nhead)
    pdf_tag_close(c);
  return rc;
}

static void widths(pdf_ctx *c, table *t) {
  float *mn = calloc(t->ncols, sizeof *mn), *nat = calloc(t->ncols, sizeof *nat);
  if (!mn || !nat) {
    free(mn);
    free(nat);
    for (size_t k = 0; k < t->ncols; k++)
      t->w[k] = c->width / (float)t->ncols;
    return;
  }
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t k = 0; k < t->ncols; k++) {
      float a, b;
      pdf_para_widths(c, &t->cells[r * t->ncols + k], &a, &b);
      if (a + 2 * PAD_X > mn[k])
        mn[k] = a + 2 * PAD_X;
      if (b + 2 * PAD_X > nat[k])
        nat[k] = b + 2 * PAD_X;
    }
  float smin = 0, snat = 0, W = c->width;
  for (size_t k = 0; k < t->ncols; k++) {
    if (nat[k] < 3 * PAD_X)
      nat[k] = mn[k] = 3 * PAD_X;
    smin += mn[k];
    snat += nat[k];
  }
  for (size_t k = 0; k < t->ncols; k++) {
    if (snat <= W) /* stretch to the full width */
      t->w[k] = nat[k] + (W - snat) * nat[k] / snat;
    else if (smin <= W)
      t->w[k] = mn[k] + (nat[k] - mn[k]) * (W - smin) / (snat - smin);
    else
      t->w[k] = mn[k] * W / smin;
  }
  /* Narrow tables need not span the page. */
  if (snat < W * 0.55f && t->ncols <= 3)
    for (size_t k = 0; k < t->ncols; k++)
      t->w[k] = nat[k] * (W * 0.6f) / snat;
  free(mn);
  free(nat);
}

/* Draws body row r, taller than a page, over the pages it needs, ending
 * each with a rule and starting the next with the header rows (when they
 * take less than half a page). */
static int split_row(pdf_ctx *c, table *t, size_t r, int zebra_row, float head_h) {
  size_t *next = calloc(t->ncols, sizeof *next);
  if (!next) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  float page = c->st->page_h - c->mt - c->mb, total = 0;
  for (size_t k = 0; k < t->ncols; k++)
    total += t->w[k];
  int at_top = 0, rc = 0;
  while (!rc && !draw_row_part(c, t, r, next, c->y - pdf_bottom(c), zebra_row, at_top)) {
    pdf_stroke_line(c, c->x0, c->y, c->x0 + total, c->y, 0.8f, rule_dark);
    rc = pdf_new_page(c) || (head_h < page / 2 && draw_head(c, t, 1)) || row_height(c, t, r) < 0;
    at_top = 1;
  }
  free(next);
  return rc || c->failed ? -1 : 0;
}

int pdf_table(pdf_ctx *c, const ar_node *tn) {
  table t;
  memset(&t, 0, sizeof t);
  t.table = tn;
  t.ncols = ar_table_column_count(tn);
  for (const ar_node *r = ar_node_first_child(tn); r; r = ar_node_next(r)) {
    size_t n = 0;
    for (const ar_node *cell = ar_node_first_child(r); cell; cell = ar_node_next(cell))
      n++;
    if (n > t.ncols)
      t.ncols = n;
    t.nrows++;
  }
  if (t.ncols == 0 || t.nrows == 0)
    return 0;
  int rc = -1, tagged = 0;
  t.rows = calloc(t.nrows, sizeof *t.rows);
  t.cells = calloc(t.nrows * t.ncols, sizeof *t.cells);
  t.w = calloc(t.ncols, sizeof *t.w);
  t.lines = calloc(t.ncols, sizeof *t.lines);
  t.cell_tags = calloc(t.ncols, sizeof *t.cell_tags);
  if (!t.rows || !t.cells || !t.w || !t.lines || !t.cell_tags) {
    c->oom = 1;
    pdf_fail(c, "out of memory");
    goto done;
  }
  size_t r = 0;
  for (const ar_node *row = ar_node_first_child(tn); row; row = ar_node_next(row), r++) {
    t.rows[r] = row;
    if (ar_row_is_header(row) && r == t.nhead)
      t.nhead++;
    size_t k = 0;
    for (const ar_node *cell = ar_node_first_child(row); cell; cell = ar_node_next(cell), k++) {
      pdf_style st = {ar_row_is_header(row) ? PDF_BOLD : PDF_REGULAR, CELL_SIZE,
                      {ink[0], ink[1], ink[2]}, 0, NULL, 0};
      pdf_para_clear(&t.cells[r * t.ncols + k]);
      if (pdf_para_inlines(c, &t.cells[r * t.ncols + k], cell, &st))
        goto done;
    }
  }
  widths(c, &t);
  /* Caption, header and first body row stay together. */
  float need = 0;
  for (size_t i = 0; i < t.nrows && i <= t.nhead; i++) {
    float h = row_height(c, &t, i);
    if (h < 0)
      goto done;
    need += h;
  }
  const char *cap = ar_table_caption(tn);
  pdf_para_clear(&c->para);
  pdf_style cs = {PDF_ITALIC, 9.5f, {0.2f, 0.2f, 0.25f}, 0, NULL, 0};
  if (cap && *cap && pdf_para_add(c, &c->para, cap, &cs))
    goto done;
  if (c->para.len) {
    if (pdf_break_lines(c, &c->para, c->width, &c->lines))
      goto done;
    need += (float)c->lines.n * 9.5f * PDF_LEADING + 3;
  }
  if (pdf_ensure(c, need) || pdf_tag_open(c, PDF_S_TABLE))
    goto done;
  tagged = 1;
  if (c->para.len) {
    int bad = pdf_tag_open(c, PDF_S_CAPTION) || pdf_paragraph(c, &c->para, 0, 3);
    pdf_tag_close(c);
    if (bad)
      goto done;
  }
  float head_h = 0;
  for (size_t i = 0; i < t.nhead; i++) {
    float h = row_height(c, &t, i);
    if (h < 0)
      goto done;
    head_h += h;
  }
  if (draw_head(c, &t, 0) || pdf_tag_open(c, PDF_S_TBODY))
    goto done;
  tagged = 2;
  size_t body = 0;
  for (r = t.nhead; r < t.nrows; r++, body++) {
    float h = row_height(c, &t, r);
    if (h < 0)
      goto done;
    if (h > c->st->page_h - c->mt - c->mb - head_h) { /* more than a page holds */
      if (split_row(c, &t, r, body % 2 == 1, head_h))
        goto done;
      continue;
    }
    if (c->y - h < pdf_bottom(c) - 0.01f) {
      float tw = 0;
      for (size_t k = 0; k < t.ncols; k++)
        tw += t.w[k];
      pdf_stroke_line(c, c->x0, c->y, c->x0 + tw, c->y, 0.8f, rule_dark);
      if (pdf_new_page(c) || draw_head(c, &t, 1))
        goto done;
      if (row_height(c, &t, r) < 0)
        goto done;
    }
    draw_row(c, &t, r, h, body % 2 == 1);
  }
  float total = 0;
  for (size_t k = 0; k < t.ncols; k++)
    total += t.w[k];
  pdf_stroke_line(c, c->x0, c->y, c->x0 + total, c->y, 0.8f, rule_dark);
  c->y -= PDF_GAP + 6;
  rc = c->failed ? -1 : 0;
done:
  while (tagged-- > 0)
    pdf_tag_close(c); /* TBody, Table */
  if (t.cells)
    for (size_t i = 0; i < t.nrows * t.ncols; i++)
      pdf_para_free(&t.cells[i]);
  if (t.lines)
    for (size_t k = 0; k < t.ncols; k++)
      pdf_lines_free(&t.lines[k]);
  free(t.cells);
  free(t.lines);
  free(t.rows);
  free(t.w);
  free(t.cell_tags);
  return rc;
}
