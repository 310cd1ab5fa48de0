#include "config.h"

#include "member-view.h"

#include <stdlib.h>
#include <string.h>

struct ar_member_view {
  xmlDocPtr doc;
  xmlNodePtr members; /* the view's empty <members> */
  xmlNodePtr shown;   /* the member copied in, or NULL */
};

ar_member_view *ar_member_view_new(xmlDocPtr data) {
  xmlNodePtr root = xmlDocGetRootElement(data);
  ar_member_view *v = calloc(1, sizeof *v);
  if (!v || !root)
    goto fail;
  v->doc = xmlNewDoc((const xmlChar *)"1.0");
  if (!v->doc)
    goto fail;
  if (data->URL)
    v->doc->URL = xmlStrdup(data->URL);
  xmlNodePtr top = xmlDocCopyNode(root, v->doc, 2); /* the element and its attributes */
  if (!top)
    goto fail;
  xmlDocSetRootElement(v->doc, top);
  for (xmlNodePtr c = root->children; c; c = c->next) {
    int is_members = c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "members") == 0;
    xmlNodePtr copy = xmlDocCopyNode(c, v->doc, is_members ? 2 : 1);
    if (!copy || !xmlAddChild(top, copy))
      goto fail;
    if (is_members)
      v->members = copy;
  }
  if (!v->members)
    goto fail;
  return v;
fail:
  ar_member_view_free(v);
  return NULL;
}

void ar_member_view_free(ar_member_view *v) {
  if (!v)
    return;
  if (v->doc)
    xmlFreeDoc(v->doc);
  free(v);
}

xmlDocPtr ar_member_view_show(ar_member_view *v, const xmlNode *member) {
  if (v->shown) {
    xmlUnlinkNode(v->shown);
    xmlFreeNode(v->shown);
    v->shown = NULL;
  }
  xmlNodePtr copy = xmlDocCopyNode((xmlNodePtr)member, v->doc, 1);
  if (!copy || !xmlAddChild(v->members, copy)) {
    xmlFreeNode(copy);
    return NULL;
  }
  v->shown = copy;
  return v->doc;
}
