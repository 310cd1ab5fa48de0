/* pdf-tags.c: structure elements, marked content and the parent tree of a
 * tagged PDF, made with libharu 2.3.0's object layer (it has no tagging
 * of its own). See pdf-tags.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf.h"

static const char *const role_names[PDF_S_COUNT] = {
    [PDF_S_DOCUMENT] = "Document", [PDF_S_SECT] = "Sect",     [PDF_S_H1] = "H1",
    [PDF_S_H2] = "H2",             [PDF_S_H3] = "H3",         [PDF_S_H4] = "H4",
    [PDF_S_H5] = "H5",             [PDF_S_H6] = "H6",         [PDF_S_P] = "P",
    [PDF_S_L] = "L",               [PDF_S_LI] = "LI",         [PDF_S_LBL] = "Lbl",
    [PDF_S_LBODY] = "LBody",       [PDF_S_TABLE] = "Table",   [PDF_S_THEAD] = "THead",
    [PDF_S_TBODY] = "TBody",       [PDF_S_TR] = "TR",         [PDF_S_TH] = "TH",
    [PDF_S_TD] = "TD",             [PDF_S_CAPTION] = "Caption", [PDF_S_FIGURE] = "Figure",
    [PDF_S_NOTE] = "Note",         [PDF_S_LINK] = "Link",     [PDF_S_BLOCKQUOTE] = "BlockQuote",
    [PDF_S_DIV] = "Div",
    [PDF_S_TOC] = "TOC",           [PDF_S_TOCI] = "TOCI",     [PDF_S_SPAN] = "Span",
    [PDF_S_REFERENCE] = "Reference",
};

/* Elements are made in the drawing pass only. */
static int recording(const pdf_ctx *c) { return c->tags.on && !c->dry && !c->herr && c->pdf; }

static HPDF_STATUS add_to(HPDF_Dict parent, HPDF_Dict kid) {
  HPDF_Array k = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY);
  return k ? HPDF_Array_Add(k, kid) : HPDF_INVALID_OBJECT;
}

/* A new indirect dictionary of type, or NULL (the error handler has
 * recorded why). */
static HPDF_Dict new_dict(pdf_ctx *c, const char *type) {
  HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
  if (!d || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK) /* the xref frees d on failure */
    return NULL;
  if (type && HPDF_Dict_AddName(d, "Type", type) != HPDF_OK)
    return NULL;
  return d;
}

static HPDF_Dict new_element(pdf_ctx *c, pdf_role role, HPDF_Dict parent) {
  HPDF_Dict e = new_dict(c, NULL); /* /Type /StructElem is optional */
  HPDF_Array k = e ? HPDF_Array_New(c->pdf->mmgr) : NULL;
  if (!k || HPDF_Dict_AddName(e, "S", role_names[role]) != HPDF_OK ||
      HPDF_Dict_Add(e, "K", k) != HPDF_OK || HPDF_Dict_Add(e, "P", parent) != HPDF_OK ||
      add_to(parent, e) != HPDF_OK)
    return NULL;
  return e;
}

int pdf_tag_open(pdf_ctx *c, pdf_role role) {
  pdf_tags *t = &c->tags;
  if (!recording(c))
    return 0;
  if (t->depth == PDF_TAG_DEPTH || t->artifact) { /* artifacts have no structure */
    t->folded++;
    return 0;
  }
  if (!t->root) {
    HPDF_Array k;
    if (!(t->root = new_dict(c, "StructTreeRoot")) || !(k = HPDF_Array_New(c->pdf->mmgr)) ||
        HPDF_Dict_Add(t->root, "K", k) != HPDF_OK)
      return pdf_fail(c, "cannot make the structure tree");
  }
  if (t->depth == 0 && role != PDF_S_DOCUMENT) {
    /* Everything hangs under one Document element. */
    if (pdf_tag_open(c, PDF_S_DOCUMENT))
      return -1;
  }
  HPDF_Dict parent = t->depth ? t->open[t->depth - 1] : t->root;
  HPDF_Dict e = new_element(c, role, parent);
  if (!e)
    return pdf_fail(c, "cannot make a structure element");
  if (t->depth == 0 && t->lang && *t->lang)
    HPDF_Dict_Add(e, "Lang", HPDF_String_New(c->pdf->mmgr, t->lang, NULL));
  t->roles[t->depth] = role;
  t->open[t->depth++] = e;
  return 0;
}

void pdf_tag_close(pdf_ctx *c) {
  pdf_tags *t = &c->tags;
  if (!recording(c))
    return;
  if (t->folded) {
    t->folded--;
    return;
  }
  if (t->depth > 1) /* Document stays open until the end */
    t->depth--;
}

static HPDF_Dict innermost(pdf_ctx *c) {
  pdf_tags *t = &c->tags;
  return recording(c) && t->depth ? t->open[t->depth - 1] : NULL;
}

HPDF_Dict pdf_tag_current(pdf_ctx *c) { return innermost(c); }

void pdf_tag_reopen(pdf_ctx *c, HPDF_Dict e) {
  pdf_tags *t = &c->tags;
  if (!recording(c))
    return;
  if (!e || t->depth == PDF_TAG_DEPTH || t->artifact) {
    t->folded++;
    return;
  }
  t->roles[t->depth] = PDF_S_COUNT;
  t->open[t->depth++] = e;
}

int pdf_tag_open_link(pdf_ctx *c, const char *url) {
  pdf_tags *t = &c->tags;
  if (!recording(c))
    return 0;
  HPDF_Dict parent = innermost(c);
  if (url == t->link_url && t->link && parent == t->link_parent && t->depth < PDF_TAG_DEPTH &&
      !t->artifact) {
    t->roles[t->depth] = PDF_S_LINK;
    t->open[t->depth++] = t->link;
    return 0;
  }
  if (pdf_tag_open(c, PDF_S_LINK))
    return -1;
  HPDF_Dict link = innermost(c);
  t->link_url = url;
  t->link = link != parent ? link : NULL; /* NULL: folded */
  t->link_parent = parent;
  return 0;
}

void pdf_tag_forget_link(pdf_ctx *c) { c->tags.link_url = NULL; }

int pdf_tag_alt(pdf_ctx *c, const char *text) {
  HPDF_Dict e = innermost(c);
  if (!e || !text)
    return 0;
  /* libharu takes strings of at most 65,535 bytes: a longer text is cut
   * at a character, as the outline's entries are. */
  size_t len = strlen(text), keep = pdf_clip(text, len, PDF_MAX_STRING);
  char *cut = keep < len ? strndup(text, keep) : NULL;
  const char *alt = cut ? cut : text;
  HPDF_STATUS st = keep < len && !cut
                       ? HPDF_FAILD_TO_ALLOC_MEM
                       : HPDF_Dict_Add(e, "Alt", HPDF_String_New(c->pdf->mmgr, alt,
                                                                  pdf_string_encoder(c, alt)));
  free(cut);
  return st == HPDF_OK ? 0 : pdf_fail(c, "cannot set alternative text");
}

int pdf_tag_scope(pdf_ctx *c, const char *scope) {
  HPDF_Dict e = innermost(c);
  if (!e)
    return 0;
  HPDF_Dict a = HPDF_Dict_New(c->pdf->mmgr);
  if (!a || HPDF_Dict_AddName(a, "O", "Table") != HPDF_OK ||
      HPDF_Dict_AddName(a, "Scope", scope) != HPDF_OK || HPDF_Dict_Add(e, "A", a) != HPDF_OK)
    return pdf_fail(c, "cannot set a header cell's scope");
  return 0;
}

void pdf_artifact_begin(pdf_ctx *c) { c->tags.artifact++; }
void pdf_artifact_end(pdf_ctx *c) {
  if (c->tags.artifact > 0)
    c->tags.artifact--;
}

/* The index of the current page among the document's, or -1. */
static long page_index(const pdf_ctx *c) {
  for (size_t i = c->npages; i-- > 0;)
    if (c->pages[i] == c->page)
      return (long)i;
  return -1;
}

static void write_ops(pdf_ctx *c, const char *ops) {
  HPDF_PageAttr attr = (HPDF_PageAttr)c->page->attr;
  if (HPDF_Stream_WriteStr(attr->stream, ops) != HPDF_OK)
    pdf_fail(c, "cannot write marked content");
}

/* The array of elements by MCID of page i, made on first use. */
static HPDF_Array page_mcids(pdf_ctx *c, size_t i) {
  pdf_tags *t = &c->tags;
  if (i >= t->npages) {
    size_t n = i + 1 > 2 * t->npages ? i + 1 : 2 * t->npages;
    HPDF_Array *grown = realloc(t->page_mcids, n * sizeof *grown);
    if (!grown)
      return NULL;
    memset(grown + t->npages, 0, (n - t->npages) * sizeof *grown);
    t->page_mcids = grown;
    t->npages = n;
  }
  if (!t->page_mcids[i])
    t->page_mcids[i] = HPDF_Array_New(c->pdf->mmgr);
  return t->page_mcids[i];
}

void pdf_mc_begin(pdf_ctx *c) {
  pdf_tags *t = &c->tags;
  if (!recording(c) || !c->page)
    return;
  if (t->in_sequence++) /* inside a sequence already: it takes this too */
    return;
  if (t->artifact || t->depth == 0) {
    write_ops(c, "/Artifact BMC\n");
    return;
  }
  long pi = page_index(c);
  HPDF_Array mcids = pi < 0 ? NULL : page_mcids(c, (size_t)pi);
  HPDF_Dict e = t->open[t->depth - 1];
  if (!mcids) {
    c->oom = 1;
    goto unmarked;
  }
  HPDF_UINT32 mcid = HPDF_Array_Items(mcids);
  HPDF_Array k = HPDF_Dict_GetItem(e, "K", HPDF_OCLASS_ARRAY);
  /* Content on another page than the element's /Pg is a marked-content
   * reference naming its page. */
  HPDF_Dict pg = HPDF_Dict_GetItem(e, "Pg", HPDF_OCLASS_DICT);
  if (!pg && HPDF_Dict_Add(e, "Pg", c->page) != HPDF_OK)
    goto unmarked;
  if (!pg || pg == c->page) {
    if (!k || HPDF_Array_AddNumber(k, (HPDF_INT32)mcid) != HPDF_OK)
      goto unmarked;
  } else {
    HPDF_Dict mcr = HPDF_Dict_New(c->pdf->mmgr);
    if (!mcr || HPDF_Dict_AddName(mcr, "Type", "MCR") != HPDF_OK ||
        HPDF_Dict_Add(mcr, "Pg", c->page) != HPDF_OK ||
        HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)mcid) != HPDF_OK || !k ||
        HPDF_Array_Add(k, mcr) != HPDF_OK)
      goto unmarked;
  }
  if (HPDF_Array_Add(mcids, e) != HPDF_OK)
    goto unmarked;
  const char *tag = HPDF_Name_GetValue(HPDF_Dict_GetItem(e, "S", HPDF_OCLASS_NAME));
  char ops[96];
  snprintf(ops, sizeof ops, "/%s <</MCID %u>> BDC\n", tag ? tag : "Span", (unsigned)mcid);
  write_ops(c, ops);
  return;
unmarked: /* the failure is recorded; the sequence still balances its EMC */
  write_ops(c, "/Span BMC\n");
}

void pdf_mc_end(pdf_ctx *c) {
  if (c->tags.in_sequence == 0 || --c->tags.in_sequence > 0)
    return;
  if (c->page)
    write_ops(c, "EMC\n");
}

int pdf_mc_suspend(pdf_ctx *c) {
  int depth = c->tags.in_sequence;
  if (depth > 0) {
    c->tags.in_sequence = 1;
    pdf_mc_end(c);
  }
  return depth;
}

void pdf_mc_resume(pdf_ctx *c, int depth) {
  if (depth <= 0)
    return;
  pdf_mc_begin(c);
  c->tags.in_sequence = depth;
}

int pdf_tag_link(pdf_ctx *c, HPDF_Annotation annot) {
  pdf_tags *t = &c->tags;
  if (!recording(c) || !annot || t->depth == 0)
    return 0;
  HPDF_Dict link = t->roles[t->depth - 1] == PDF_S_LINK
                       ? t->open[t->depth - 1]
                       : new_element(c, PDF_S_LINK, t->open[t->depth - 1]);
  HPDF_Dict objr = link ? HPDF_Dict_New(c->pdf->mmgr) : NULL;
  HPDF_Array k = link ? HPDF_Dict_GetItem(link, "K", HPDF_OCLASS_ARRAY) : NULL;
  if (!objr || !k || HPDF_Dict_AddName(objr, "Type", "OBJR") != HPDF_OK ||
      HPDF_Dict_Add(objr, "Obj", annot) != HPDF_OK || HPDF_Dict_Add(objr, "Pg", c->page) != HPDF_OK ||
      HPDF_Array_Add(k, objr) != HPDF_OK)
    return pdf_fail(c, "cannot tag a link");
  if (t->nlinks == t->links_cap) {
    size_t cap = t->links_cap ? 2 * t->links_cap : 16;
    struct pdf_link_tag *grown = realloc(t->links, cap * sizeof *grown);
    if (!grown) {
      c->oom = 1;
      return -1;
    }
    t->links = grown;
    t->links_cap = cap;
  }
  t->links[t->nlinks++] = (struct pdf_link_tag){annot, link, c->page};
  return 0;
}

int pdf_tags_finish(pdf_ctx *c) {
  pdf_tags *t = &c->tags;
  if (!t->on || !t->root)
    return 0;
  HPDF_MMgr mm = c->pdf->mmgr;
  HPDF_Dict tree = new_dict(c, NULL);
  HPDF_Array nums = tree ? HPDF_Array_New(mm) : NULL;
  if (!nums || HPDF_Dict_Add(tree, "Nums", nums) != HPDF_OK ||
      HPDF_Dict_Add(t->root, "ParentTree", tree) != HPDF_OK)
    return pdf_fail(c, "cannot make the parent tree");
  HPDF_INT32 key = 0;
  for (size_t i = 0; i < c->npages; i++, key++) {
    HPDF_Page p = c->pages[i];
    HPDF_Array mcids = i < t->npages && t->page_mcids[i] ? t->page_mcids[i] : HPDF_Array_New(mm);
    /* The parent tree's arrays are indirect (PDF/UA checkers expect
     * them so, and a page's array can be long). */
    if (!mcids || HPDF_Xref_Add(c->pdf->xref, mcids) != HPDF_OK ||
        HPDF_Array_AddNumber(nums, key) != HPDF_OK || HPDF_Array_Add(nums, mcids) != HPDF_OK ||
        HPDF_Dict_AddNumber(p, "StructParents", key) != HPDF_OK ||
        HPDF_Dict_AddName(p, "Tabs", "S") != HPDF_OK)
      return pdf_fail(c, "cannot make the parent tree");
    if (i < t->npages)
      t->page_mcids[i] = NULL; /* owned by the document now */
  }
  for (size_t i = 0; i < t->nlinks; i++, key++)
    if (HPDF_Dict_AddNumber(t->links[i].annot, "StructParent", key) != HPDF_OK ||
        HPDF_Array_AddNumber(nums, key) != HPDF_OK ||
        HPDF_Array_Add(nums, t->links[i].link) != HPDF_OK)
      return pdf_fail(c, "cannot tie a link to its element");
  if (HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", key) != HPDF_OK)
    return pdf_fail(c, "cannot make the parent tree");

  /* Tagged PDF as ISO 32000-1 (PDF 1.7) describes it, which PDF/UA-1 and
   * PDF/A-2 build on. */
  c->pdf->pdf_version = HPDF_VER_17;
  HPDF_Dict cat = c->pdf->catalog;
  HPDF_Dict mark = HPDF_Dict_New(mm), prefs = HPDF_Dict_New(mm);
  if (!mark || HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK ||
      HPDF_Dict_Add(cat, "MarkInfo", mark) != HPDF_OK ||
      HPDF_Dict_Add(cat, "StructTreeRoot", t->root) != HPDF_OK || !prefs ||
      HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK ||
      HPDF_Dict_Add(cat, "ViewerPreferences", prefs) != HPDF_OK ||
      (t->lang && *t->lang &&
       HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, t->lang, NULL)) != HPDF_OK))
    return pdf_fail(c, "cannot mark the document as tagged");
  if (c->st->archive)
    return pdf_write_xmp(c, 2, 'A') || pdf_archive_finish(c) ? -1 : 0;
  return pdf_write_xmp(c, 0, 0);
}

void pdf_tags_free(pdf_tags *t) {
  /* Arrays not handed to the document (a failed rendering) are freed
   * here, before the document. */
  for (size_t i = 0; i < t->npages; i++)
    if (t->page_mcids[i])
      HPDF_Array_Free(t->page_mcids[i]);
  free(t->page_mcids);
  free(t->links);
  *t = (pdf_tags){.on = t->on, .lang = t->lang};
}
