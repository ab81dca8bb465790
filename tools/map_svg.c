// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask map --svg: the machine's cids drawn as people draw topology
 * (lstopo): NUMA nodes holding last-level caches holding SMT cores holding
 * cpus, each cpu labelled with its cpu number and its cid.  Shards (7.3)
 * colour the cpus and are listed in a legend; the tail (possible cpus the
 * kernel does not walk: offline, or without a node) is drawn apart.
 *
 * Layout: cores flow left to right inside their LLC and wrap to a new row
 * at a fixed width, so 2 cpus give a small picture and 256 a tall one of
 * the same width, never an unreadably wide one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include "commands.h"
#include "map_view.h"

enum {
	CELL_W = 62, CELL_H = 38,	/* one cpu */
	GAP = 6,			/* between boxes */
	PAD = 8,			/* inside a box, around its content */
	TITLE = 18,			/* a box's label line */
	ROW_MAX = 1180,			/* widest row of cores inside an LLC */
	MARGIN = 16,
};

/* Pale fills, one per shard (cycled); tail cpus are grey. */
static const char *const shard_fill[] = {
	"#dbeafe", "#dcfce7", "#fef9c3", "#fde2e4", "#ede9fe", "#ccfbf1", "#ffedd5", "#e0e7ff",
};

struct svg {
	FILE *f;
	const struct scx_cid_map *map;
	int width;		/* width of the widest top-level row */
};

/* The levels of the picture, outermost first; a box of level L holds runs of level L + 1. */
enum level { L_MACHINE, L_NODE, L_LLC, L_CORE, L_CPU };

static const char *const level_class[] = { "machine", "node", "llc", "core", "cpu" };

/* End of the run of cids from @first that share one box of @lv (below @limit). */
static uint32_t run_end(const struct svg *s, enum level lv, uint32_t first, uint32_t limit)
{
	switch (lv) {
	case L_NODE:
		return tool_unit_end(s->map, first, limit, TOOL_UNIT_NODE);
	case L_LLC:
		return tool_unit_end(s->map, first, limit, TOOL_UNIT_LLC);
	case L_CORE:
		return tool_unit_end(s->map, first, limit, TOOL_UNIT_CORE);
	default:
		return first + 1;
	}
}

static void draw_cpu(struct svg *s, uint32_t cid, int x, int y)
{
	struct scx_cid_topo t;

	scx_cid_map_topo(s->map, cid, &t);
	fprintf(s->f, "<g class=\"cpu\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"%s\"/><text x=\"%d\" y=\"%d\">cpu %d</text><text class=\"cid\" x=\"%d\" "
		"y=\"%d\">cid %u</text></g>\n", x, y, CELL_W, CELL_H,
		shard_fill[t.shard_idx > 0 ? t.shard_idx % 8 : 0], x + 6, y + 15,
		scx_cid_map_cid_to_cpu(s->map, (int)cid), x + 6, y + 31, cid);
	if (t.shard_idx >= 0 && t.shard_cid == (int32_t)cid)
		fprintf(s->f, "<rect class=\"shard-start\" x=\"%d\" y=\"%d\" width=\"4\" "
			"height=\"%d\"/>\n", x, y, CELL_H);
}

static void draw_label(struct svg *s, enum level lv, uint32_t first, uint32_t end, int x, int y)
{
	struct scx_cid_topo t;
	int idx;

	scx_cid_map_topo(s->map, first, &t);
	idx = lv == L_NODE ? t.node_idx : lv == L_LLC ? t.llc_idx : t.core_idx;
	fprintf(s->f, "<text class=\"label\" x=\"%d\" y=\"%d\">%s %d", x + PAD, y + TITLE - 4,
		lv == L_NODE ? "node" : lv == L_LLC ? "LLC" : "core", idx);
	if (lv != L_CORE)
		fprintf(s->f, end - first > 1 ? ": cids %u-%u" : ": cid %u", first, end - 1);
	fprintf(s->f, "</text>\n");
}

/*
 * Lays out the box of level @lv for cids [@first, @end): its children flow
 * left to right and wrap at ROW_MAX.  Returns its size in *@w, *@h; with
 * @draw, also draws it with its top left corner at (@x, @y).
 */
static void box(struct svg *s, enum level lv, uint32_t first, uint32_t end, bool draw, int x, int y,
		int *w, int *h)
{
	int inset = lv == L_MACHINE ? 0 : PAD, top = lv == L_MACHINE ? 0 : TITLE + PAD;
	int cx = 0, cy = 0, row_h = 0, widest = 0;

	if (lv == L_CPU) {
		if (draw)
			draw_cpu(s, first, x, y);
		*w = CELL_W;
		*h = CELL_H;
		return;
	}
	if (draw && lv != L_MACHINE) {
		box(s, lv, first, end, false, 0, 0, w, h);
		fprintf(s->f, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n",
			level_class[lv], x, y, *w, *h);
		draw_label(s, lv, first, end, x, y);
	}
	for (uint32_t c = first; c < end;) {
		uint32_t next = run_end(s, lv + 1, c, end);
		int cw, ch;

		box(s, lv + 1, c, next, false, 0, 0, &cw, &ch);
		/* cpus of one core never wrap: a core is read as one row */
		if (cx && cx + cw > ROW_MAX && lv != L_CORE) {
			cx = 0;
			cy += row_h + GAP;
			row_h = 0;
		}
		if (draw)
			box(s, lv + 1, c, next, true, x + inset + cx, y + top + cy, &cw, &ch);
		cx += cw + GAP;
		if (cx - GAP > widest)
			widest = cx - GAP;
		if (ch > row_h)
			row_h = ch;
		c = next;
	}
	*w = widest + 2 * inset;
	*h = top + cy + row_h + inset;
}

static int draw_legend(struct svg *s, int y)
{
	uint32_t n = scx_cid_map_nr_shards(s->map), base, nr;
	int x = MARGIN;

	for (uint32_t i = 0; i < n && !scx_cid_map_shard(s->map, i, &base, &nr); i++) {
		if (x > MARGIN && x + 150 > MARGIN + s->width) {
			x = MARGIN;
			y += 20;
		}
		fprintf(s->f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\">shard %u: cids %u-%u</text>\n",
			x, y, shard_fill[i % 8], x + 20, y + 12, i, base, base + nr - 1);
		x += 160;
	}
	return n ? y + 24 : y;
}

/* The tail: possible cpus the kernel does not walk, in rows. */
static int draw_tail(struct svg *s, uint32_t first, int y)
{
	uint32_t n = scx_cid_map_nr_cids(s->map);
	int per_row = (s->width - 2 * PAD) / (CELL_W + GAP), rows;

	if (first >= n)
		return y;
	if (per_row < 1)
		per_row = 1;
	rows = (int)((n - first + (uint32_t)per_row - 1) / (uint32_t)per_row);
	fprintf(s->f, "<rect class=\"tail\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", MARGIN, y,
		s->width, TITLE + 2 * PAD + rows * (CELL_H + GAP) - GAP);
	fprintf(s->f, "<text class=\"label\" x=\"%d\" y=\"%d\">tail: cids %u-%u, possible but not "
		"walked (offline, or no node): no topology</text>\n", MARGIN + PAD, y + TITLE - 4,
		first, n - 1);
	for (uint32_t k = first; k < n; k++) {
		int i = (int)(k - first);
		int px = MARGIN + PAD + (i % per_row) * (CELL_W + GAP);
		int py = y + TITLE + PAD + (i / per_row) * (CELL_H + GAP);

		fprintf(s->f, "<g class=\"cpu offline\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
			"<text x=\"%d\" y=\"%d\">cpu %d</text><text class=\"cid\" x=\"%d\" y=\"%d\">cid %u"
			"</text></g>\n", px, py, CELL_W, CELL_H, px + 6, py + 15,
			scx_cid_map_cid_to_cpu(s->map, (int)k), px + 6, py + 31, k);
	}
	return y + TITLE + 2 * PAD + rows * (CELL_H + GAP) - GAP + GAP;
}

int tool_map_svg(FILE *out, const struct scx_cid_map *map, const char *gen_name)
{
	struct svg s = { .map = map };
	uint32_t walked = tool_walked_cids(map);
	char *body = NULL, title[160];
	size_t len = 0;
	int y, w, h, err;

	/* The body goes to memory first: the height is known only at its end. */
	s.f = open_memstream(&body, &len);
	if (!s.f)
		return -1;
	snprintf(title, sizeof(title), "%u possible cpus (nr_cpu_ids %u), %u online; cids as kernel %s "
		 "assigns them; %u shard%s", scx_cid_map_nr_cids(map), scx_cid_map_nr_cpu_ids(map),
		 scx_cid_map_nr_online_cids(map), gen_name, scx_cid_map_nr_shards(map),
		 scx_cid_map_nr_shards(map) == 1 ? "" : "s");
	box(&s, L_MACHINE, 0, walked, false, 0, 0, &w, &h);
	/* wide enough for the title: about 8 px a character at 14 px bold */
	s.width = w > (int)strlen(title) * 8 ? w : (int)strlen(title) * 8;
	if (walked < scx_cid_map_nr_cids(map) && s.width < 6 * (CELL_W + GAP))
		s.width = 6 * (CELL_W + GAP);	/* room for the tail's title */
	fprintf(s.f, "<style>rect{stroke:#333;stroke-width:1} .node{fill:#f8fafc} .llc{fill:#eef2f7} "
		".core{fill:#ffffff} .cid{fill:#1d4ed8;font-weight:bold} .label{font-weight:bold} "
		".tail{fill:#f3f4f6;stroke-dasharray:6 3} .offline rect{fill:#e5e7eb;stroke-dasharray:4 2} "
		".shard-start{fill:#b91c1c;stroke:none}</style>\n");
	fprintf(s.f, "<text class=\"label\" x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>\n",
		MARGIN, MARGIN + 8, title);
	y = draw_legend(&s, MARGIN + 20) + 4;
	box(&s, L_MACHINE, 0, walked, true, MARGIN, y, &w, &h);
	y = draw_tail(&s, walked, y + h + GAP);
	err = ferror(s.f);
	if (fclose(s.f) || err) {
		free(body);
		return -1;
	}
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n",
		s.width + 2 * MARGIN, y + MARGIN);
	fwrite(body, 1, len, out);
	fprintf(out, "</svg>\n");
	free(body);
	return 0;
}
