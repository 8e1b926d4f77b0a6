"""A static site generator that turns wire articles into explainer pages."""

__version__ = "0.1.0"
