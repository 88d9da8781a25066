"""The batch wing: many inputs in, one output line per input, resumable.

    run.py      BatchOptions, BatchRun (streams inputs, resumes, writes in input order),
                Summary; what ``extract`` runs
    survey.py   what the inputs hold before they are read: files skipped by type, the
                postings to expect (the progress bar's total)
    workers.py  the local engine: bounded windows of work, threads (remote backends)
                or worker processes (the embedded model)
    ray.py      the Ray engine (``--engine ray``) and ``extract_dataset`` for Ray Data
    write.py    output lines (JSONL, CSV), resume, the output lock, the errors file
    parquet.py  the Parquet output, converted from a JSONL sidecar when a run ends

The batch wing sits above the pipeline (one input at a time) and is used only by the
CLI and by callers who run folders of postings.
"""
