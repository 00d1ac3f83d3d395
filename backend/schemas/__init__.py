"""Pydantic v2 request and response models of the REST API, one module per resource:

catalogue (courses and their sessions), registrations, members, agencies, tokens, broadcasts, surveys,
attendance, certificates. A resource's family is XCreate (the input rules), XUpdate (derived: the same
fields, all optional) and XPublic (derived from the dataclass its service returns); base holds the helpers
that derive them.
"""
