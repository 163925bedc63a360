"""The version of stance, in a module of its own so that anything (the model card, ``stance
-V``) can read it without importing the rest of the package."""

__version__ = "0.1.0"
