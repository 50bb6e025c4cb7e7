/* Experiment ids: stable, unique, readable and safe as file names. */
#ifndef VSP_EXPID_H
#define VSP_EXPID_H

#include "buf.h"
#include "place.h"

/* Appends "<app>-nc24-cpv2-idf4-bal-one" ("-phys" for idf -1, "-first3"). */
void expid_base(struct buf *b, const char *app, const struct request *rq);
/* Appends "-<name><value>" with the value made file-name safe. */
void expid_extra(struct buf *b, const char *name, const char *value);

#endif
