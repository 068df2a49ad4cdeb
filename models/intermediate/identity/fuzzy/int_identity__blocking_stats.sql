{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}
{%- set settings = fuzzy_settings() -%}
{%- set rules = settings.blocking_rules -%}

with

profiles as (

    select * from {{ ref('int_identity__match_profiles') }}

),

candidate_pairs as (

    select * from {{ ref('int_identity__candidate_pairs') }}

),

block_sizes as (
    {% for rule in rules %}
        select
            {{ loop.index }} as rule_order,
            {{ rule.max_block_size }} as max_block_size,
            count(*) as block_size
        from profiles
        where
            {%- for key in rule['keys'] %}
                {% if not loop.first %}and {% endif %}{{ key }} is not null
            {%- endfor %}
        group by {{ rule['keys'] | join(', ') }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

blocks as (

    select
        rule_order,
        sum(block_size) as profiles_with_keys,
        sum(case when block_size >= 2 then 1 else 0 end) as blocks,
        sum(case when block_size > max_block_size then 1 else 0 end)
            as skipped_blocks,
        sum(case when block_size > max_block_size then block_size else 0 end)
            as records_in_skipped_blocks,
        max(block_size) as largest_block,
        sum(
            case
                when block_size <= max_block_size
                    then block_size * (block_size - 1) / 2
                else 0
            end
        ) as candidate_pairs
    from block_sizes
    group by rule_order

),

new_pairs as (

    select
        blocking_rule,
        count(*) as new_candidate_pairs
    from candidate_pairs
    group by blocking_rule

),

rules as (
    {% for rule in rules %}
        select
            {{ loop.index }} as rule_order,
            '{{ rule.name }}' as blocking_rule,
            '{{ rule["keys"] | join(", ") }}' as blocking_keys,
            {{ rule.max_block_size }} as max_block_size
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        rules.rule_order,
        rules.blocking_rule,
        rules.blocking_keys,
        rules.max_block_size,
        coalesce(blocks.profiles_with_keys, 0) as profiles_with_keys,
        coalesce(blocks.blocks, 0) as blocks,
        coalesce(blocks.skipped_blocks, 0) as skipped_blocks,
        coalesce(blocks.records_in_skipped_blocks, 0) as records_in_skipped_blocks,
        coalesce(blocks.largest_block, 0) as largest_block,
        coalesce(blocks.candidate_pairs, 0) as candidate_pairs,
        coalesce(new_pairs.new_candidate_pairs, 0) as new_candidate_pairs
    from rules
    left outer join blocks
        on rules.rule_order = blocks.rule_order
    left outer join new_pairs
        on rules.blocking_rule = new_pairs.blocking_rule

)

select * from final
