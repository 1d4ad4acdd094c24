"""The data layer: where the tables come from, what they must look like, and the Catalog."""
