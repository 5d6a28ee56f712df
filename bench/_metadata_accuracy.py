"""Placeholder replaced below."""
def metadata_accuracy(samples):
    return 0, 1, []
