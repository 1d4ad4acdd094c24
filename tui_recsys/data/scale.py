"""The rating scale every layer shares: MovieLens' half stars, and where liking begins."""

RATING_SCALE = (0.5, 5.0)
LIKED_RATING = 4.0  # "relevant" in evaluation, "liked" in a user's genres and explanations
