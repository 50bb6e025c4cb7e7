/* Experiment ids: stable, unique, readable and safe as file names. */
#ifndef VSP_EXPID_H
#define VSP_EXPID_H

#include "buf.h"
#include "place.h"

/* 1 if s can be an application name (and a folder name). */
int expid_app_ok(const char *s);
/* Appends "<app>-nc24-cpv2-idf4-bal-one" ("-phys" for idf -1, "-first3"). */
void expid_base(struct buf *b, const char *app, const struct request *rq);
/* Appends "-<name><value>" with the value made file-name safe. */
void expid_extra(struct buf *b, const char *name, const char *value);

#endif
