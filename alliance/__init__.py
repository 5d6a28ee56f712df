"""The Alliance of national bodies: members, meetings and actions on practice issues (capability
4).
"""
