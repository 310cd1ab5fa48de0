/* pdf-tags.h: the logical structure of a tagged PDF (ISO 32000-1, 14.7
 * and 14.8; PDF/UA-1): structure elements, the marked content that ties
 * what a page draws to them, and artifacts.
 *
 * The layout opens and closes elements as it walks the brief
 * (pdf_tag_open, pdf_tag_close); every drawing primitive wraps what it
 * draws in one marked-content sequence of the innermost open element, or
 * in an /Artifact sequence between pdf_artifact_begin and
 * pdf_artifact_end. Nothing is recorded in the dry pass or when tagging is
 * off. pdf_tags_finish writes the structure tree root, the parent tree and
 * the catalog's entries; everything made is owned by the libharu
 * document, and pdf_tags_free releases the bookkeeping only. */
#ifndef AR_PDF_TAGS_H
#define AR_PDF_TAGS_H

#include <stddef.h>

#include <hpdf.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

struct pdf_ctx;

/* The standard structure types used (ISO 32000-1, 14.8.4). */
typedef enum {
  PDF_S_DOCUMENT,
  PDF_S_SECT,
  PDF_S_H1, /* PDF_S_H1 + level - 1, up to H6 */
  PDF_S_H2,
  PDF_S_H3,
  PDF_S_H4,
  PDF_S_H5,
  PDF_S_H6,
  PDF_S_P,
  PDF_S_L,
  PDF_S_LI,
  PDF_S_LBL,
  PDF_S_LBODY,
  PDF_S_TABLE,
  PDF_S_THEAD,
  PDF_S_TBODY,
  PDF_S_TR,
  PDF_S_TH,
  PDF_S_TD,
  PDF_S_CAPTION,
  PDF_S_FIGURE,
  PDF_S_NOTE,
  PDF_S_LINK,
  PDF_S_BLOCKQUOTE,
  PDF_S_DIV,
  PDF_S_TOC,
  PDF_S_TOCI,
  PDF_S_SPAN,
  PDF_S_REFERENCE,
  PDF_S_COUNT
} pdf_role;

/* Elements open at once, at most; deeper ones are folded into their
 * parent (their content is tagged as the parent's). */
#define PDF_TAG_DEPTH 48

/* Per document. */
typedef struct {
  int on;                       /* tagging asked for */
  HPDF_Dict root;               /* StructTreeRoot, once the first element is made */
  HPDF_Dict open[PDF_TAG_DEPTH]; /* open elements; open[0] is Document */
  pdf_role roles[PDF_TAG_DEPTH]; /* their roles (PDF_S_COUNT: reopened) */
  int depth, folded;            /* open elements; opened beyond the depth */
  HPDF_Array *page_mcids;       /* per page: the element of each MCID */
  size_t npages;
  struct pdf_link_tag *links;   /* link annotations and their Link elements */
  size_t nlinks, links_cap;
  int artifact;                 /* > 0: what is drawn is an artifact */
  int in_sequence;              /* a marked-content sequence is open */
  const char *lang;             /* the document's language (borrowed) */
  const char *link_url;         /* the link drawn last, its element and */
  HPDF_Dict link, link_parent;  /* that element's parent (pdf_tag_open_link) */
} pdf_tags;

struct pdf_link_tag {
  HPDF_Annotation annot;
  HPDF_Dict link;
  HPDF_Page page;
};

/* Opens an element of role as the child of the innermost open one (or as
 * the root's Document). Returns 0, or -1 with the failure recorded. */
int pdf_tag_open(struct pdf_ctx *c, pdf_role role);
/* Closes the innermost open element. */
void pdf_tag_close(struct pdf_ctx *c);
/* The innermost open element, or NULL (dry pass, tagging off). */
HPDF_Dict pdf_tag_current(struct pdf_ctx *c);
/* Opens e (made earlier, or NULL: nothing) again as the innermost
 * element, for content drawn later than its place in the tree (a list
 * item's label); closed with pdf_tag_close(). */
void pdf_tag_reopen(struct pdf_ctx *c, HPDF_Dict e);
/* Sets /Alt (alternative text) or /ActualText of the innermost element. */
int pdf_tag_alt(struct pdf_ctx *c, const char *text);
/* Sets the /Scope (Row, Column or Both) of the innermost TH. */
int pdf_tag_scope(struct pdf_ctx *c, const char *scope);

/* What is drawn until pdf_artifact_end() is an artifact (page headers,
 * footers, rules, fills); they nest. */
void pdf_artifact_begin(struct pdf_ctx *c);
void pdf_artifact_end(struct pdf_ctx *c);

/* Around the operators of one drawing primitive on the current page. */
void pdf_mc_begin(struct pdf_ctx *c);
void pdf_mc_end(struct pdf_ctx *c);

/* At a page break: pdf_mc_suspend ends an open sequence on the page being
 * left and returns how deep it was (0: none); pdf_mc_resume starts it
 * again on the new page, for the same element. */
int pdf_mc_suspend(struct pdf_ctx *c);
void pdf_mc_resume(struct pdf_ctx *c, int depth);

/* Opens the Link element of a link's text at url (borrowed from the
 * brief). The text of one link broken over lines (or pages) is drawn in
 * parts: a part that follows the one drawn last, under the same parent,
 * reopens its Link, so that the link is one element with an annotation per
 * part. pdf_tag_forget_link() after anything else is drawn. */
int pdf_tag_open_link(struct pdf_ctx *c, const char *url);
void pdf_tag_forget_link(struct pdf_ctx *c);

/* Ties a link annotation on the current page to the innermost element
 * when it is a Link (holding the link's text), else to a new Link element
 * under it. */
int pdf_tag_link(struct pdf_ctx *c, HPDF_Annotation annot);

/* Writes the structure tree root, the parent tree, /StructParents and
 * /Tabs of every page, /StructParent of the link annotations, and the
 * catalog's /MarkInfo, /Lang and /ViewerPreferences. */
int pdf_tags_finish(struct pdf_ctx *c);
/* The XMP metadata stream from the document information (pdf-xmp.c),
 * with pdfuaid:part 1 and, when pdfa_part is not 0, the PDF/A part and
 * conformance level ('A', 'B' or 'U'). */
int pdf_write_xmp(struct pdf_ctx *c, int pdfa_part, char pdfa_level);
void pdf_tags_free(pdf_tags *t);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
