"""Project settings, as a notebook-turned-script often ends up with them."""
import os

# PLANTED FINDING: setting the environment variable in code hard-codes the value just the same.
os.environ["OPENAI_API_KEY"] = "relay-5e8b2d7c1f"

# Not a finding: a default that is empty, and a lookup.
OPENAI_ORG = os.environ.get("OPENAI_ORG_ID", "")
OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")
