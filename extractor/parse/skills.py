"""Named skills: languages, frameworks, cloud, databases, data and design tools, methods.

A curated lexicon, matched as whole tokens with one compiled alternation. Each entry
is ``canonical: aliases``; an alias written with a capital or a symbol is matched in
that exact case when it is also an English word ("Go", "Rust", "Swift", "Excel",
"React", "Spark"), else case-insensitively. Ambiguous short names ("Go", "R", "C",
"Julia", "Sketch", "Unity") only count inside a list: next to another skill with
nothing but a separator between them ("Python, Rust, Go, C++"). Text about the employer
("About Vercel: ... we lead the React ecosystem") names its products and clients, not
the job's skills: a skill there counts only inside a list ("Our stack: Go, Rust, K8s").
"""

from __future__ import annotations

import functools
import re

from extractor.parse.base import Found, posting_end
from extractor.parse.sections import company_spans

# canonical name -> aliases (the canonical name is an alias too)
LEXICON: dict[str, tuple[str, ...]] = {
    # programming languages
    "Python": ("python",), "Java": ("java",), "JavaScript": ("javascript", "JS", "ECMAScript"),
    "TypeScript": ("typescript",), "C++": ("c++", "cpp"), "C#": ("c#", "csharp"),
    "C": ("C",), "Go": ("Go", "golang"), "Rust": ("Rust",), "Ruby": ("Ruby",),
    "PHP": ("php",), "Kotlin": ("kotlin",), "Swift": ("Swift",), "Scala": ("scala",),
    "R": ("R",), "MATLAB": ("matlab",), "Perl": ("perl",), "Haskell": ("haskell",),
    "Elixir": ("elixir",), "Erlang": ("erlang",), "Clojure": ("clojure",), "F#": ("f#",),
    "Objective-C": ("objective-c", "objective c"), "Dart": ("Dart",), "Lua": ("Lua",),
    "Julia": ("Julia",), "COBOL": ("cobol",), "Fortran": ("fortran",), "VBA": ("vba",),
    "Visual Basic": ("visual basic", "VB.NET"), "Solidity": ("solidity",),
    "Bash": ("bash",), "PowerShell": ("powershell",), "Shell scripting": ("shell scripting",),
    "SQL": ("sql",), "T-SQL": ("t-sql", "transact-sql"), "PL/SQL": ("pl/sql",),
    "NoSQL": ("nosql",), "GraphQL": ("graphql",), "HTML": ("html", "html5"),
    "CSS": ("css", "css3"), "Sass": ("sass", "scss"), "SAS": ("SAS",), "SPSS": ("spss",),
    "Stata": ("Stata",), "Verilog": ("verilog",), "VHDL": ("vhdl",), "Groovy": ("Groovy",),
    "Assembly": ("assembly language",), "XML": ("xml",), "JSON": ("json",), "YAML": ("yaml",),
    # frameworks and libraries
    "React": ("React", "react.js", "reactjs", "React Native"), "Angular": ("Angular", "angularjs"),
    "Vue.js": ("vue.js", "vuejs", "Vue"), "Next.js": ("next.js", "nextjs"), "Svelte": ("svelte",),
    "Node.js": ("node.js", "nodejs", "node js"), "Express.js": ("express.js", "expressjs"),
    "jQuery": ("jquery",), "Redux": ("redux",), "Tailwind CSS": ("tailwind", "tailwind css"),
    "Bootstrap": ("Bootstrap",), "Django": ("django",), "Flask": ("Flask",),
    "FastAPI": ("fastapi",), "Spring Boot": ("spring boot",), "Spring": ("Spring Framework",),
    "Ruby on Rails": ("ruby on rails", "Rails", "RoR"), ".NET": (".net", ".net core", "dotnet"),
    "ASP.NET": ("asp.net",), "Laravel": ("laravel",), "Symfony": ("symfony",),
    "Hibernate": ("hibernate",), "Flutter": ("flutter",), "Xamarin": ("xamarin",),
    "Electron": ("Electron",), "Unity": ("Unity",), "Unreal Engine": ("unreal engine", "Unreal"),
    "pandas": ("pandas",), "NumPy": ("numpy",), "SciPy": ("scipy",),
    "scikit-learn": ("scikit-learn", "scikitlearn", "sklearn", "scikit learn"),
    "TensorFlow": ("tensorflow",), "PyTorch": ("pytorch", "Torch"), "Keras": ("keras",),
    "XGBoost": ("xgboost",), "LightGBM": ("lightgbm",), "Hugging Face": ("hugging face",
                                                                          "huggingface"),
    "LangChain": ("langchain",), "OpenCV": ("opencv",), "spaCy": ("spacy",),
    "NLTK": ("nltk",), "Matplotlib": ("matplotlib",), "Seaborn": ("seaborn",),
    "Plotly": ("plotly", "plot.ly"), "D3.js": ("d3.js",), "Dask": ("dask",),
    "Jupyter": ("jupyter", "jupyter notebook", "jupyter notebooks"),
    # cloud, infrastructure and devops
    "AWS": ("aws", "amazon web services"), "Azure": ("azure", "microsoft azure"),
    "Google Cloud": ("gcp", "google cloud", "google cloud platform"),
    "Docker": ("docker",), "Kubernetes": ("kubernetes", "k8s"), "Terraform": ("terraform",),
    "Ansible": ("ansible",), "Puppet": ("Puppet",), "Chef": ("Chef Infra",),
    "Jenkins": ("jenkins",), "CircleCI": ("circleci",), "GitHub Actions": ("github actions",),
    "GitLab CI": ("gitlab ci", "gitlab ci/cd"), "Git": ("git",), "GitHub": ("github",),
    "GitLab": ("gitlab",), "Bitbucket": ("bitbucket",), "Linux": ("linux",), "Unix": ("unix",),
    "macOS": ("macos",), "Windows Server": ("windows server",), "iOS": ("iOS",),
    "Android": ("Android",), "Nginx": ("nginx",), "Heroku": ("heroku",),
    "Cloudflare": ("cloudflare",), "Firebase": ("firebase",), "Supabase": ("supabase",),
    "Kafka": ("kafka", "apache kafka"), "RabbitMQ": ("rabbitmq",), "gRPC": ("grpc",),
    "REST": ("REST", "RESTful"), "Prometheus": ("Prometheus",), "Grafana": ("grafana",),
    "Datadog": ("datadog",), "Splunk": ("splunk",), "Elasticsearch": ("elasticsearch",
                                                                      "elastic search"),
    "Kibana": ("kibana",), "Helm": ("Helm",), "Istio": ("istio",), "OpenShift": ("openshift",),
    "VMware": ("vmware",), "CloudFormation": ("cloudformation",), "AWS Lambda": ("aws lambda",),
    "Amazon S3": ("amazon s3", "aws s3"), "Amazon EC2": ("ec2", "amazon ec2"),
    "Amazon EKS": ("eks", "amazon eks"),
    # databases and data platforms
    "PostgreSQL": ("postgresql", "postgres"), "MySQL": ("mysql",), "SQLite": ("sqlite",),
    "SQL Server": ("sql server", "ms sql", "mssql", "ms sql server", "microsoft sql server"),
    "Oracle": ("Oracle", "Oracle Database"), "MongoDB": ("mongodb", "mongo"),
    "Redis": ("redis",), "Cassandra": ("cassandra",), "DynamoDB": ("dynamodb",),
    "Neo4j": ("neo4j",), "Snowflake": ("Snowflake",), "BigQuery": ("bigquery",),
    "Redshift": ("redshift",), "Databricks": ("databricks",), "Spark": ("Spark",
                                                                              "apache spark"),
    "PySpark": ("pyspark",), "Hadoop": ("hadoop",), "Hive": ("Hive", "apache hive"),
    "Airflow": ("airflow", "apache airflow"), "dbt": ("dbt",), "Informatica": ("informatica",),
    "Talend": ("talend",), "Alteryx": ("alteryx",), "SSIS": ("ssis",), "Fivetran": ("fivetran",),
    "Flink": ("flink", "apache flink"),
    # analytics, BI and business tools
    "Tableau": ("tableau",), "Power BI": ("power bi", "powerbi"), "Looker": ("Looker",),
    "Qlik": ("qlik", "qlikview", "qlik sense"), "Excel": ("Excel", "microsoft excel",
                                                          "ms excel"),
    "Microsoft Office": ("microsoft office", "ms office", "office 365", "microsoft 365"),
    "Word": ("microsoft word", "ms word"), "PowerPoint": ("powerpoint", "power point"),
    "Outlook": ("Outlook", "microsoft outlook"), "Microsoft Teams": ("microsoft teams",),
    "SharePoint": ("sharepoint",), "Google Sheets": ("google sheets",),
    "Google Workspace": ("google workspace", "g suite", "gsuite"),
    "Google Analytics": ("google analytics",), "Google Ads": ("google ads", "adwords"),
    "Salesforce": ("salesforce", "sfdc"), "HubSpot": ("hubspot",), "SAP": ("SAP",),
    "QuickBooks": ("quickbooks",), "NetSuite": ("netsuite",), "Workday": ("Workday",),
    "Jira": ("jira",), "Confluence": ("Confluence",), "Trello": ("trello",),
    "Asana": ("Asana",), "Slack": ("Slack",), "Notion": ("Notion",), "Zapier": ("zapier",),
    "Shopify": ("shopify",), "WordPress": ("wordpress",), "Magento": ("magento",),
    "Webflow": ("webflow",), "DocuSign": ("docusign",), "Zendesk": ("zendesk",),
    "Postman": ("postman",), "Selenium": ("selenium",), "Cypress": ("Cypress",),
    "Jest": ("Jest",), "pytest": ("pytest",), "JUnit": ("junit",), "Playwright": ("playwright",),
    # design tools
    "Figma": ("figma",), "Sketch": ("Sketch",), "Adobe XD": ("adobe xd",),
    "Photoshop": ("photoshop", "adobe photoshop"), "Illustrator": ("Illustrator",
                                                                    "adobe illustrator"),
    "InDesign": ("indesign", "adobe indesign"), "After Effects": ("after effects",
                                                                  "adobe after effects"),
    "Premiere Pro": ("premiere pro", "adobe premiere pro", "adobe premiere"),
    "Adobe Creative Suite": ("adobe creative suite", "adobe creative cloud", "creative cloud"),
    "Canva": ("canva",), "AutoCAD": ("autocad",), "Revit": ("revit",),
    "SolidWorks": ("solidworks",), "Blender": ("Blender",), "Maya": ("Autodesk Maya",),
    "Cinema 4D": ("cinema 4d", "c4d"),
    # methods
    "Agile": ("Agile", "agile methodology", "agile methodologies", "agile environment",
              "agile environments", "agile practices", "agile development", "agile framework",
              "agile principles", "agile teams", "agile project management"),
    "Scrum": ("scrum",), "Kanban": ("kanban",), "Lean": ("Lean",),
    "Six Sigma": ("six sigma", "lean six sigma"), "SAFe": ("SAFe",), "TDD": ("tdd",),
    "BDD": ("bdd",), "CI/CD": ("ci/cd", "ci / cd"), "DevOps": ("devops",), "MLOps": ("mlops",),
    "ITIL": ("itil",), "SEO": ("seo",), "SEM": ("SEM",), "A/B testing": ("a/b testing",),
    "ETL": ("etl",), "OOP": ("oop",), "Microservices": ("microservices",),
}
# names too ambiguous to count outside a list of skills
LIST_ONLY = frozenset({"C", "Go", "R", "Julia", "Sketch", "Unity", "Lean", "Dart", "Lua",
                       "Electron", "Helm", "Puppet", "Jest", "Cypress", "Blender", "Notion",
                       "Slack", "Asana", "Hive", "Ruby", "Swift", "SEM", "Spring", "Stata",
                       "Groovy", "Workday", "Looker", "Prometheus", "SAFe", "Confluence"})
# aliases that are common words, counted only inside a list ("Rails", "Torch")
LIST_ONLY_ALIASES = frozenset({"Rails", "Torch", "Unreal", "Oracle", "Outlook"})
# lowercase words that are also English: an alias equal to one is matched case-sensitively
_ENGLISH = frozenset({"go", "rust", "ruby", "swift", "dart", "lua", "julia", "react",
                      "angular", "vue", "flask", "bootstrap", "electron", "unity", "spark",
                      "hive", "looker", "excel", "outlook", "confluence", "asana", "slack",
                      "notion", "sketch", "illustrator", "blender", "agile", "lean", "safe",
                      "rest", "helm", "puppet", "jest", "cypress", "snowflake", "oracle",
                      "prometheus", "workday", "groovy", "stata", "android", "ios", "sap",
                      "sas", "sem", "c", "r", "js", "ror", "rails", "torch", "unreal"})
# what may not follow an English-word skill ("Excel at", "React quickly", "Go to")
_NOT_AFTER: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"\s+(?:{words})\b") for name, words in {
        "Excel": "at|in|as|when|with|by", "React": "to|quickly|fast|in|when|with",
        "Go": "to|beyond|above|the|for|ahead|live|through|further|far",
        "Spark": "a|an|the|new|change|innovation|curiosity|conversations|joy",
        "Lean": "into|on|in|forward", "Slack": "off|time",
    }.items()
}
_CONTEXT_SEP = re.compile(r"[\s,;/|&•·()\-:]*(?:\b(?:and|or|and/or|as well as)\b)?[\s,;/|&•·()]*")


def _case_sensitive(alias: str) -> bool:
    return alias.lower() in _ENGLISH or (len(alias) <= 2 and alias.isalpha())


@functools.cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """The alternation of every alias (longest first) and its exact / casefold lookups."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    parts: list[tuple[int, str]] = []
    for canonical, aliases in LEXICON.items():
        for alias in aliases:
            body = re.escape(alias).replace(r"\ ", r"\s+")
            if _case_sensitive(alias):
                exact[alias] = canonical
                parts.append((len(alias), body))
            else:
                folded[alias.casefold()] = canonical
                parts.append((len(alias), f"(?i:{body})"))
    alternation = "|".join(body for _, body in sorted(parts, reverse=True))
    pattern = re.compile(rf"(?<![\w@#+.\-])(?:{alternation})(?![\w+#]|-(?!based\b)(?=[a-z]{{2,}}\b)"
                         r"|\.[a-z]{2,}\b)")
    return pattern, exact, folded


def _canonical(raw: str) -> str | None:
    _, exact, folded = _matcher()
    key = " ".join(raw.split())
    return exact.get(key) or folded.get(key.casefold())


def _in_list(text: str, hit: tuple[str, int, int], hits: list[tuple[str, int, int]]) -> bool:
    """Whether a skill hit sits next to another one with only separators between them."""
    for other in hits:
        if other is hit:
            continue
        a, b = (other[2], hit[1]) if other[2] <= hit[1] else (hit[2], other[1])
        if 0 <= b - a <= 12 and _CONTEXT_SEP.fullmatch(text, a, b):
            return True
    return False


def parse_skills(text: str) -> list[Found[str]]:
    """Skills named in ``text``: canonical names, first mention each, in order of appearance.

    Text after a "Similar Jobs" block is page chrome and is not read.
    """
    end = posting_end(text)
    pattern = _matcher()[0]
    hits = [(name, m.start(), m.end()) for m in pattern.finditer(text, 0, end)
            if (name := _canonical(m.group())) is not None]
    about = company_spans(text[:end])
    weak = {hit for hit in hits if hit[0] in LIST_ONLY or
            " ".join(text[hit[1]:hit[2]].split()) in LIST_ONLY_ALIASES or
            any(a <= hit[1] < b for a, b in about)}
    out: list[Found[str]] = []
    seen: set[str] = set()
    for hit in hits:
        name, start, stop = hit
        if name in seen or (hit in weak and not _in_list(text, hit, hits)):
            continue
        if name in _NOT_AFTER and _NOT_AFTER[name].match(text, stop):
            continue
        seen.add(name)
        out.append(Found(name, start, stop, 0.8 if hit in weak else 0.95))
    return out
