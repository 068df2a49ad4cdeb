{% macro fuzzy_settings() -%}
    {#- var cdp_identity_fuzzy with its defaults, checked: a wrong setting stops compilation
        with a message that names it. -#}
    {%- set given = var('cdp_identity_fuzzy', {}) or {} -%}
    {%- set settings = {
        'enabled': given.get('enabled', false),
        'blocking_rules': given.get('blocking_rules', []),
        'max_block_size': given.get('max_block_size', 200),
        'threshold': given.get('threshold', 0.999),
        'tiers': given.get('tiers', {'high': 0.99999, 'medium': 0.9999, 'low': 0.999}),
        'u_sample_records': given.get('u_sample_records', 1500),
        'em_iterations': given.get('em_iterations', 10),
        'prior_match_probability': given.get('prior_match_probability'),
        'veto_comparisons': given.get('veto_comparisons', []),
        'personal_comparisons': given.get('personal_comparisons', []),
    } -%}
    {%- set comparison_names = fuzzy_comparisons() | map(attribute='name') | list -%}
    {%- set profile_columns = [] -%}
    {%- for comparison in fuzzy_comparisons() -%}
        {%- do profile_columns.extend(comparison.columns) -%}
    {%- endfor -%}
    {%- if not settings.blocking_rules -%}
        {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.blocking_rules: at least one rule is needed") }}
    {%- endif -%}
    {%- set seen = [] -%}
    {%- set rules = [] -%}
    {%- for rule in settings.blocking_rules -%}
        {%- if not rule.name or rule.name is not string or rule.name in seen -%}
            {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.blocking_rules: every rule needs a unique name, got " ~ rule) }}
        {%- endif -%}
        {%- do seen.append(rule.name) -%}
        {%- if not rule.get('keys') -%}
            {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.blocking_rules." ~ rule.name ~ ": keys is empty") }}
        {%- endif -%}
        {%- for key in rule['keys'] if key not in profile_columns -%}
            {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.blocking_rules." ~ rule.name ~ ": unknown key '" ~ key ~ "' (columns of int_identity__match_profiles: " ~ profile_columns | join(', ') ~ ")") }}
        {%- endfor -%}
        {#- a rule may cap its blocks tighter (or looser) than max_block_size -#}
        {%- set cap = rule.get('max_block_size') or settings.max_block_size -%}
        {%- if cap is not number or cap < 2 -%}
            {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.blocking_rules." ~ rule.name ~ ": max_block_size must be a whole number of at least 2, got " ~ cap) }}
        {%- endif -%}
        {%- do rules.append({'name': rule.name, 'keys': rule['keys'], 'max_block_size': cap}) -%}
    {%- endfor -%}
    {%- do settings.update({'blocking_rules': rules}) -%}
    {%- for setting in ['veto_comparisons', 'personal_comparisons'] -%}
        {%- for name in settings[setting] if name not in comparison_names -%}
            {{ exceptions.raise_compiler_error("cdp_identity_fuzzy." ~ setting ~ ": unknown comparison '" ~ name ~ "' (" ~ comparison_names | join(', ') ~ ")") }}
        {%- endfor -%}
    {%- endfor -%}
    {%- for name in ['low', 'medium', 'high'] if settings.tiers.get(name) is none -%}
        {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.tiers: " ~ name ~ " is missing") }}
    {%- endfor -%}
    {%- if not (0 < settings.threshold < 1) -%}
        {{ exceptions.raise_compiler_error("cdp_identity_fuzzy.threshold must be between 0 and 1, got " ~ settings.threshold) }}
    {%- endif -%}
    {{ return(settings) }}
{%- endmacro %}
