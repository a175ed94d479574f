"""Growth: promo codes, rewards (feature flags, badges, XP through a port) and referrals."""
