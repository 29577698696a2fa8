"""Graph knowledge base of Latvia's Roma strategic framework plan 2022–2023."""
