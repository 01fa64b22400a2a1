"""Turns run-benchmarks' raw `name value unit` lines into a Markdown table with ratios.

Usage: python3 bench/summarize.py out/bench/results.txt
"""

import sys


def load(path):
    values, header = {}, ""
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                header = line[1:].strip()
                continue
            parts = line.split()
            if len(parts) == 3:
                try:
                    values[parts[0]] = float(parts[1]) if parts[2] != "address" else parts[1]
                except ValueError:
                    pass
    return header, values


def ms(seconds):
    return "%.1f ms" % (seconds * 1e3) if seconds < 10 else "%.1f s" % seconds


def faster(theirs, ours):
    """'12× faster' or '1.5× slower': how refgraph's time `ours` compares with `theirs`."""
    if ours <= theirs:
        ratio = theirs / ours
        return ("%.0f× faster" if ratio >= 10 else "%.1f× faster") % ratio
    return "%.1f× slower" % (ours / theirs)


def drawn(v, key):
    """'31 objects drawn', from objgraph's DOT file, or '' for runs that did not count them."""
    return "%d objects drawn" % v[key] if key in v else "objects drawn not counted"


def with_median(theirs, query, median):
    """'; with the median capture: 1.2 s, 60× faster', or '' without capture samples."""
    if median is None:
        return ""
    return "; with the median capture: %s, %s" % (ms(median + query), faster(theirs, median + query))


def main():
    header, v = load(sys.argv[1])
    objects = v["snapshot_objects"]
    capture, write = v["refgraph_capture"], v["refgraph_capture_write"]
    samples = sorted([capture] + [value for key, value in v.items() if key.startswith("capture_sample_")])
    median = samples[len(samples) // 2] if len(samples) > 1 else None
    rows = [
        ("heap", "%d gc-tracked objects; snapshot: %d objects, %d references"
         % (v["gc_tracked_objects"], objects, v["snapshot_edges"]), ""),
        ("capture (walk + write)", "%s = %.0f ns/object" % (ms(capture), capture * 1e9 / objects), ""),
        ("  of which walk", "%.0f ns/object" % ((capture - write) * 1e9 / objects), ""),
        ("  of which file write", ms(write), ""),
    ]
    if median is not None:
        title = "capture in %d new processes (this one and %d more): min / median / max" % (
            len(samples), len(samples) - 1)
        rows.append((title,
                     " / ".join("%.0f ns/object" % (t * 1e9 / objects) for t in (samples[0], median, samples[-1])), ""))
    rows += [
        ("Python loop of gc.get_referents over gc.get_objects()",
         ms(v["python_get_referents_loop"]),
         "capture (which records about twice as many objects) is " + faster(v["python_get_referents_loop"], capture)),
        ("snapshot file", "%.1f MiB = %.1f bytes/object"
         % (v["snapshot_file_bytes"] / 2**20, v["snapshot_file_bytes"] / objects), ""),
        ("load (read + validate)", ms(v["core_read"]), ""),
        ("index (reverse references)", ms(v["core_index"]), ""),
        ("top census on the loaded snapshot", ms(v["core_top_census"]), ""),
        ("`refgraph top` (whole command: load, census, print)", ms(v["refgraph_top_wall"]),
         "%s than objgraph.show_most_common_types (%s)"
         % (faster(v["objgraph_show_most_common_types"], v["refgraph_top_wall"]),
            ms(v["objgraph_show_most_common_types"]))
         if "objgraph_show_most_common_types" in v else ""),
        ("chain query on the loaded snapshot", ms(v["core_chain_query"]),
         "%d references" % v["core_chain_length"]),
        ("`refgraph chain` (whole command)", ms(v["refgraph_chain_wall"]), ""),
        ("backrefs --max-depth 5 query", ms(v["core_backrefs_query"]), "%d objects" % v["core_backrefs_nodes"]),
        ("  DOT text of it", ms(v["core_backrefs_dot"]), ""),
        ("`refgraph backrefs --max-depth 5 --output .dot` (whole command)", ms(v["refgraph_backrefs_dot_wall"]), ""),
        ("`refgraph backrefs --max-depth 5 --output .png` (with layout)", ms(v["refgraph_backrefs_png_wall"]), ""),
        ("`refgraph backrefs --max-depth 5 --too-many 50 --output .dot` (whole command)",
         ms(v["refgraph_backrefs_wide_dot_wall"]), "%d objects" % v["backrefs_wide_nodes"]),
    ]
    if "objgraph_find_backref_chain" in v:
        chain_e2e = capture + v["refgraph_chain_wall"]
        rows.append(("objgraph.find_backref_chain", ms(v["objgraph_find_backref_chain"]),
                     "%d references; refgraph end to end (capture + chain) %s: %s%s; the query alone: %s"
                     % (v["objgraph_chain_length"], ms(chain_e2e), faster(v["objgraph_find_backref_chain"], chain_e2e),
                        with_median(v["objgraph_find_backref_chain"], v["refgraph_chain_wall"], median),
                        faster(v["objgraph_find_backref_chain"], v["core_chain_query"]))))
    if "objgraph_show_backrefs_depth5" in v:
        backrefs_e2e = capture + v["refgraph_backrefs_dot_wall"]
        rows.append(("objgraph.show_backrefs(max_depth=5) to .dot", ms(v["objgraph_show_backrefs_depth5"]),
                     "%s; refgraph end to end (capture + backrefs to .dot) %s: %s%s; the query and DOT alone: %s"
                     % (drawn(v, "objgraph_backrefs_nodes"), ms(backrefs_e2e),
                        faster(v["objgraph_show_backrefs_depth5"], backrefs_e2e),
                        with_median(v["objgraph_show_backrefs_depth5"], v["refgraph_backrefs_dot_wall"], median),
                        faster(v["objgraph_show_backrefs_depth5"], v["core_backrefs_query"] + v["core_backrefs_dot"]))))
    if "objgraph_show_backrefs_depth5_wide" in v:
        wide_e2e = capture + v["refgraph_backrefs_wide_dot_wall"]
        wide = v["objgraph_show_backrefs_depth5_wide"]
        rows.append(("objgraph.show_backrefs(max_depth=5, too_many=50) to .dot", ms(wide),
                     "%s; refgraph end to end (capture + backrefs --too-many 50 to .dot) %s: %s%s"
                     % (drawn(v, "objgraph_backrefs_wide_nodes"), ms(wide_e2e), faster(wide, wide_e2e),
                        with_median(wide, v["refgraph_backrefs_wide_dot_wall"], median))))
    print("Run: %s\n" % header)
    print("| measurement | refgraph | compared |")
    print("|---|---|---|")
    for name, value, note in rows:
        print("| %s | %s | %s |" % (name, value, note))


if __name__ == "__main__":
    main()
