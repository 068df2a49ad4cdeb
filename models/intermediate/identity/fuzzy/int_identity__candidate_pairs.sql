{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}
{%- set settings = fuzzy_settings() -%}
{%- set rules = settings.blocking_rules -%}

with

profiles as (

    select * from {{ ref('int_identity__match_profiles') }}

),
{% for rule in rules %}
    blocks__{{ rule.name }} as (

        select
            source_name,
            record_id,
            {{ rule['keys'] | join(', ') }},
            count(*) over (partition by {{ rule['keys'] | join(', ') }}) as block_size
        from profiles
        where
            {%- for key in rule['keys'] %}
                {% if not loop.first %}and {% endif %}{{ key }} is not null
            {%- endfor %}

    ),

    pairs__{{ rule.name }} as (

    -- every pair within a block of at most max_block_size records
        select
            left_block.source_name as source_name_a,
            left_block.record_id as record_id_a,
            right_block.source_name as source_name_b,
            right_block.record_id as record_id_b,
            {{ loop.index }} as rule_order,
            '{{ rule.name }}' as blocking_rule
        from blocks__{{ rule.name }} as left_block
        inner join blocks__{{ rule.name }} as right_block
            on {% for key in rule['keys'] %}
                    left_block.{{ key }} = right_block.{{ key }}{% if not loop.last %}
                        and {% endif %}
                {% endfor %}
                and (
                    left_block.source_name < right_block.source_name
                    or (
                        left_block.source_name = right_block.source_name
                        and left_block.record_id < right_block.record_id
                    )
                )
        where left_block.block_size <= {{ settings.max_block_size }}

    ),
{% endfor %}
rule_pairs as (
    {% for rule in rules %}
        select * from pairs__{{ rule.name }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

pairs as (

    -- one row per pair: the first rule (in configured order) that yielded it, and all of them
    select
        source_name_a,
        record_id_a,
        source_name_b,
        record_id_b,
        min(rule_order) as rule_order,
        {{ dbt.listagg('blocking_rule', "','", 'order by rule_order') }} as blocking_rules
    from rule_pairs
    group by source_name_a, record_id_a, source_name_b, record_id_b

),

compared as (

    select
        pairs.source_name_a,
        pairs.record_id_a,
        pairs.source_name_b,
        pairs.record_id_b,
        case pairs.rule_order
            {%- for rule in rules %}
                when {{ loop.index }} then '{{ rule.name }}'
            {%- endfor %}
        end as blocking_rule,
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
