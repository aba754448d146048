"""Ask GPT a question from the command line: step 3 of a "get started with the OpenAI API"
tutorial, written the way such tutorials often are, with the key pasted into the code.

Run:  python app.py "What is a vector database?"

PLANTED FINDINGS for keyguard (none of them is a real key; each is a hard-coded value handed
to an OpenAI key sink, which the `openai-key-assignment` rule reports):
  - openai.api_key = "..."      (the pre-1.0 SDK's global)
  - OpenAI(api_key="...")       (the 1.x client)
The fix is in `ask_safely` below: read the key from the OPENAI_API_KEY environment variable.
"""
import os
import sys

import openai
from openai import OpenAI

# Step 1 of the tutorial: "paste your key here". PLANTED FINDING.
openai.api_key = "hardcoded-7q2x9k4m8f"

# Step 2: create a client. PLANTED FINDING: a second copy of a hard-coded value.
client = OpenAI(api_key="tutorial-key-7f3a9c2e")


def ask(question: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content


def ask_safely(question: str) -> str:
    """The remedy: the key comes from the environment (or a secrets manager), never the code.
    keyguard does not flag this."""
    safe_client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
    response = safe_client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(ask(" ".join(sys.argv[1:]) or "Say hello in five languages."))
