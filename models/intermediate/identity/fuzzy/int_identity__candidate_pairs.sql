{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}
{%- set settings = fuzzy_settings() -%}
{%- set rules = settings.blocking_rules -%}

{#- Each rule's pairs leave out those an earlier rule yields, so every pair comes out
    once without grouping all of them (tens of millions at 1,000,000 people). A rule
    yields a pair when the two profiles share all its keys and their block is within the
    rule's max_block_size; `yields` holds that condition per rule, for a pair of aliases
    left_block and right_block, false when a key is missing. -#}
{%- set key_columns = [] %}
{%- for rule in rules %}
    {%- for key in rule['keys'] if key not in key_columns %}
        {%- do key_columns.append(key) %}
    {%- endfor %}
{%- endfor %}
{%- set yields = [] %}
{%- for rule in rules %}
    {%- set same_keys = [] %}
    {%- for key in rule['keys'] %}
        {%- do same_keys.append('left_block.' ~ key ~ ' = right_block.' ~ key) %}
    {%- endfor %}
    {%- do yields.append(
        'coalesce(' ~ same_keys | join(' and ') ~ ' and left_block.block_size_' ~ loop.index
        ~ ' <= ' ~ rule.max_block_size ~ ', false)'
    ) %}
{%- endfor %}

with

profiles as (

    select * from {{ ref('int_identity__match_profiles') }}

),
{% for rule in rules %}
    block_sizes__{{ rule.name }} as (

        select
            {{ rule['keys'] | join(', ') }},
            count(*) as block_size
        from profiles
        where
            {%- for key in rule['keys'] %}
                {% if not loop.first %}and {% endif %}{{ key }} is not null
            {%- endfor %}
        group by {{ rule['keys'] | join(', ') }}

    ),
{% endfor %}
blocked as (

    -- each profile's keys and the size of its block under every rule
    select
        profiles.source_name,
        profiles.record_id,
        {%- for key in key_columns %}
            profiles.{{ key }},
        {%- endfor %}
        {%- for rule in rules %}
            block_sizes__{{ rule.name }}.block_size as block_size_{{ loop.index }}
            {{- ',' if not loop.last }}
        {%- endfor %}
    from profiles
    {%- for rule in rules %}
        left outer join block_sizes__{{ rule.name }}
            on
            {%- for key in rule['keys'] %}
                {% if not loop.first %}and {% endif -%}
                profiles.{{ key }} = block_sizes__{{ rule.name }}.{{ key }}
            {%- endfor %}
    {%- endfor %}

),

pairs as (
    {% for rule in rules %}
        {%- set rule_index = loop.index %}
        -- {{ rule.name }}: every pair within one of its blocks that no earlier rule yields
        select
            left_block.source_name as source_name_a,
            left_block.record_id as record_id_a,
            right_block.source_name as source_name_b,
            right_block.record_id as record_id_b,
            '{{ rule.name }}' as blocking_rule,
            substr(
                {%- for other in rules %}
                    coalesce(case when {{ yields[loop.index0] }} then ',{{ other.name }}' end, '')
                    {{- ' ||' if not loop.last }}
                {%- endfor %},
                2
            ) as blocking_rules
        from blocked as left_block
        inner join blocked as right_block
            on
            {%- for key in rule['keys'] %}
                left_block.{{ key }} = right_block.{{ key }} and
            {%- endfor %}
                (
                    left_block.source_name < right_block.source_name
                    or (
                        left_block.source_name = right_block.source_name
                        and left_block.record_id < right_block.record_id
                    )
                )
        where
            left_block.block_size_{{ rule_index }} <= {{ rule.max_block_size }}
            {%- for earlier in yields[:rule_index - 1] %}
                and not {{ earlier }}
            {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

compared as (

    select
        pairs.source_name_a,
        pairs.record_id_a,
        pairs.source_name_b,
        pairs.record_id_b,
        pairs.blocking_rule,
        pairs.blocking_rules,
        {{ fuzzy_comparison_levels('profile_a', 'profile_b') }},
        -- how common the shared name is, for the term-frequency adjustment
        case
            when profile_a.first_name_key = profile_b.first_name_key
                then profile_a.first_name_frequency
        end as first_name_frequency,
        case
            when profile_a.last_name_key = profile_b.last_name_key
                then profile_a.last_name_frequency
        end as last_name_frequency
    from pairs
    inner join profiles as profile_a
        on pairs.source_name_a = profile_a.source_name
            and pairs.record_id_a = profile_a.record_id
    inner join profiles as profile_b
        on pairs.source_name_b = profile_b.source_name
            and pairs.record_id_b = profile_b.record_id

),

final as (

    select * from compared

)

select * from final
