"""docker/cli's service rules, free of click: the create/update flag table as data, flag-value
parsing, the update merge rules, spec building and editing, spec diffs, convergence, diagnosis
and log merging.

The CLI (``swarmctl.cli``) binds these rules to click; nothing here imports the CLI or the
renderers in ``swarmctl.output``.
"""
